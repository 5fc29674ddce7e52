import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardedClient } from '../../src/web/forwarded-client.ts';
import { trustedProxies } from '../../src/web/trusted-proxies.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { startWebHarness } from './web-harness.ts';
import type { WebHarness } from './web-harness.ts';

const sqlite = DIALECTS[0]!;
const signUp = (h: WebHarness, email: string, headers: Record<string, string>) =>
  h.post('/subscribe', { email, lists: 'daily', website: '' }, headers);

describe('behind a trusted reverse proxy', () => {
  let h: WebHarness;
  beforeAll(async () => {
    // The test's fetch comes from 127.0.0.1, which plays the proxy.
    h = await startWebHarness(sqlite, {
      trustProxy: ['127.0.0.1'],
      rateLimit: { max: 10, windowMs: 60_000 },
    });
  });
  afterAll(() => h.close());

  it('lets 50 readers subscribe within a minute while one abusive client is still limited', async () => {
    const readers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        signUp(h, `reader-${i}@example.com`, { 'x-forwarded-for': `198.51.100.${i + 1}` }),
      ),
    );
    expect(readers.map((r) => r.status)).toEqual(Array<number>(50).fill(200));
    const abuse: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      // Spoofed hops to the left are the client's own claims: never read.
      const response = await signUp(h, `abuse-${i}@example.com`, {
        'x-forwarded-for': `10.9.${i}.1, 203.0.113.66`,
      });
      abuse.push(response.status);
    }
    expect(abuse.slice(0, 10)).toEqual(Array<number>(10).fill(200));
    expect(abuse.slice(10)).toEqual(Array<number>(5).fill(429));
    await h.mail();
    const consent = await h.store.consents((await h.store.findByEmail('reader-7@example.com'))?.id ?? 0);
    expect(consent[0]?.ip).toBe('198.51.100.8');
  });

  it('reads RFC 7239 Forwarded when X-Forwarded-For is absent', async () => {
    await signUp(h, 'forwarded@example.com', { forwarded: 'for="[2001:db8:cafe::17]:4711";proto=https' });
    await h.mail();
    const consent = await h.store.consents((await h.store.findByEmail('forwarded@example.com'))?.id ?? 0);
    expect(consent[0]?.ip).toBe('2001:db8:cafe::17');
  });
});

describe('behind an untrusted peer', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness(sqlite, {
      trustProxy: ['10.0.0.0/8'],
      rateLimit: { max: 3, windowMs: 60_000 },
    });
  });
  afterAll(() => h.close());

  it('ignores its forwarded headers: every request counts as the peer', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await signUp(h, `spoof-${i}@example.com`, {
        'x-forwarded-for': `198.51.100.${i + 1}`,
        forwarded: `for=198.51.100.${i + 1}`,
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await h.mail();
    const consent = await h.store.consents((await h.store.findByEmail('spoof-0@example.com'))?.id ?? 0);
    expect(consent[0]?.ip).toBe('127.0.0.1');
  });
});

describe('forwardedClient', () => {
  const trusted = trustedProxies(['10.0.0.0/8', '::1', '192.0.2.1']);
  it('takes the right-most hop that is not a trusted proxy', () => {
    expect(forwardedClient('10.0.0.5', { xForwardedFor: '1.1.1.1, 198.51.100.9, 10.0.0.7' }, trusted)).toBe(
      '198.51.100.9',
    );
    expect(forwardedClient('::ffff:10.0.0.5', { xForwardedFor: '198.51.100.9' }, trusted)).toBe(
      '198.51.100.9',
    );
    expect(forwardedClient('::1', { xForwardedFor: '[2001:db8::1]:443' }, trusted)).toBe('2001:db8::1');
    expect(forwardedClient('192.0.2.1', { xForwardedFor: '198.51.100.9:5000' }, trusted)).toBe(
      '198.51.100.9',
    );
    // Only trusted hops: the left-most one is the best there is.
    expect(forwardedClient('10.0.0.5', { xForwardedFor: '10.1.1.1' }, trusted)).toBe('10.1.1.1');
    // No header: the proxy itself.
    expect(forwardedClient('10.0.0.5', {}, trusted)).toBe('10.0.0.5');
  });

  it('never reads headers from an untrusted peer, and stops at a hop that is not an address', () => {
    expect(forwardedClient('203.0.113.5', { xForwardedFor: '198.51.100.9' }, trusted)).toBe('203.0.113.5');
    expect(forwardedClient('10.0.0.5', { xForwardedFor: 'unknown, 127.1' }, trusted)).toBe('10.0.0.5');
    expect(forwardedClient('10.0.0.5', { forwarded: 'for=_hidden, for=10.0.0.6' }, trusted)).toBe('10.0.0.6');
    expect(
      forwardedClient('10.0.0.5', { forwarded: 'for=198.51.100.2;by=10.0.0.5, For="198.51.100.3"' }, trusted),
    ).toBe('198.51.100.3');
  });

  it('matches IPv4 ranges written as IPv4-mapped IPv6', () => {
    const mapped = trustedProxies(['::ffff:10.0.0.0/104']);
    expect(forwardedClient('10.2.3.4', { xForwardedFor: '198.51.100.9' }, mapped)).toBe('198.51.100.9');
  });
});
