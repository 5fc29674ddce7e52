import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { addressGroup } from '../../src/web/address-group.ts';
import { rateLimit } from '../../src/web/rate-limit.ts';

function limitedApp(clock: { now: number }) {
  const app = new Hono();
  app.use(
    '*',
    rateLimit({
      max: 2,
      windowMs: 60_000,
      maxTracked: 100,
      key: (c) => c.req.header('x-client') ?? 'none',
      now: () => new Date(clock.now),
      refuse: (c) => c.text('slow down', 429),
    }),
  );
  app.get('/', (c) => c.text('ok'));
  return async (client: string) => (await app.request('/', { headers: { 'x-client': client } })).status;
}

describe('rate limit', () => {
  it('keeps a blocked client blocked through a flood of distinct addresses', async () => {
    const clock = { now: Date.parse('2026-11-20T08:00:00Z') };
    const hit = limitedApp(clock);
    expect([await hit('blocked'), await hit('blocked'), await hit('blocked')]).toEqual([200, 200, 429]);
    const flood: number[] = [];
    for (let i = 0; i < 300; i += 1) flood.push(await hit(`flood-${i}`));
    expect(await hit('blocked')).toBe(429);
    // Past the table's size new addresses share one window: the flood is mostly refused.
    expect(flood.filter((s) => s === 429).length).toBeGreaterThan(190);
    // Once the windows have expired everyone starts afresh, the table included.
    clock.now += 60_000;
    expect(await hit('blocked')).toBe(200);
    expect(await hit('newcomer')).toBe(200);
  });
});

describe('address group', () => {
  it('keeps IPv4, and groups IPv6 by /64 in any spelling', () => {
    expect(addressGroup('203.0.113.7')).toBe('203.0.113.7');
    expect(addressGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressGroup('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressGroup('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('unknown')).toBe('unknown');
  });
});
