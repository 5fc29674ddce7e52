import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { confirmToken, manageToken } from '../../src/subscribers/tokens.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { SECRET, linkIn, startWebHarness } from './web-harness.ts';
import type { WebHarness } from './web-harness.ts';

const sqlite = DIALECTS[0]!;
const form = (email: string, extra: Record<string, string | string[]> = {}) => ({
  email,
  locale: 'en',
  lists: ['daily'],
  website: '',
  ...extra,
});

describe('web failure modes', () => {
  let h: Awaited<ReturnType<typeof startWebHarness>>;
  let clock = new Date('2026-11-20T08:00:00Z');
  beforeAll(async () => {
    h = await startWebHarness(sqlite, { now: () => clock });
  });
  afterAll(() => h.close());

  it('sets security headers on every page', async () => {
    for (const path of ['/subscribe', '/nowhere', '/assets/gazette.css']) {
      const response = await fetch(`${h.base}${path}`);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
    }
    const page = await (await fetch(`${h.base}/subscribe`)).text();
    expect(page).not.toMatch(/<script|style="/);
  });

  it('refuses an address with CR/LF (or otherwise invalid) with 422 and the form again, sending nothing', async () => {
    for (const email of [
      'reader@example.com\r\nBcc: victim@example.com',
      'not-an-address',
      'a b@example.com',
    ]) {
      const response = await h.post('/subscribe', form(email));
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toMatch(/<form[^>]* action="\/subscribe"/);
      expect(html).toContain('aria-invalid="true"');
      expect(html).toContain('Enter a valid email address');
      expect(html).not.toContain('\r\nBcc');
    }
    const crlfName = await h.post(
      '/subscribe',
      form('ok@example.com', { name: 'Kim\r\nBcc: x@example.com' }),
    );
    expect(crlfName.status).toBe(422);
    expect(await h.store.count()).toBe(0);
    expect(await h.mail()).toHaveLength(0);
  });

  it('refuses cross-site form posts (403) and stores nothing', async () => {
    const evil = await h.post('/subscribe', form('victim@example.com'), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const bare = await fetch(`${h.base}/subscribe`, {
      method: 'POST',
      body: new URLSearchParams({ ...form('victim@example.com'), lists: 'daily' }),
    });
    expect(bare.status).toBe(403);
    const crossSite = await fetch(`${h.base}/subscribe`, {
      method: 'POST',
      body: new URLSearchParams({ ...form('victim@example.com'), lists: 'daily' }),
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(await h.store.findByEmail('victim@example.com')).toBeUndefined();
    // Preferences are a form post too.
    const token = manageToken(SECRET, { uid: 'AAAAAAAAAAAAAAAAAAAAAA' });
    const prefs = await h.post(`/preferences/${token}`, { locale: 'ko' }, { origin: 'https://evil.example' });
    expect(prefs.status).toBe(403);
  });

  it('answers known (active or pending) and unknown addresses identically, without duplicate mail', async () => {
    const first = await h.post('/subscribe', form('known@example.com'));
    const firstBody = await first.text();
    const confirmUrl = linkIn((await h.mail()).at(-1), h.base, '/confirm/');
    expect((await h.confirm(confirmUrl)).status).toBe(200);
    const mailsBefore = (await h.mail()).length;

    const known = await h.post('/subscribe', form('KNOWN@example.com', { locale: 'ko' }));
    const unknown = await h.post('/subscribe', form('unknown@example.com'));
    const pendingAgain = await h.post('/subscribe', form('unknown@example.com'));
    const bodies = [firstBody, await known.text(), await unknown.text(), await pendingAgain.text()];
    expect([first.status, known.status, unknown.status, pendingAgain.status]).toEqual([200, 200, 200, 200]);
    expect(new Set(bodies).size).toBe(1);
    const mails = await h.mail();
    // Only the unknown address got a mail: none for the active one, no second one for the pending one.
    expect(mails.slice(mailsBefore).map((m) => m.envelope.to[0])).toEqual(['unknown@example.com']);
    expect((await h.store.findByEmail('known@example.com'))?.locale).toBe('en');
    // After the resend interval a pending address may ask again.
    clock = new Date(clock.getTime() + 11 * 60_000);
    await h.post('/subscribe', form('unknown@example.com'));
    expect((await h.mail()).slice(mailsBefore).map((m) => m.envelope.to[0])).toEqual([
      'unknown@example.com',
      'unknown@example.com',
    ]);
  });

  it('does not let a stranger re-posting a pending address change its name, choices or ad consent', async () => {
    const before = (await h.mail()).length;
    await h.post('/subscribe', form('victim@example.com', { name: 'Victim Kim' }));
    const confirmUrl = linkIn((await h.mail()).at(-1), h.base, '/confirm/');
    const attack = await h.post(
      '/subscribe',
      form('victim@example.com', {
        adConsent: 'yes',
        name: 'Claim your prize at evil.example',
        locale: 'ko',
      }),
      { 'x-forwarded-for': '192.0.2.66' },
    );
    expect(attack.status).toBe(200);
    expect((await h.confirm(confirmUrl)).status).toBe(200);
    const victim = await h.store.findByEmail('victim@example.com');
    expect(victim).toMatchObject({ status: 'active', adConsent: false, name: 'Victim Kim', locale: 'en' });
    expect(await h.store.consents(victim?.id ?? 0)).toMatchObject([{ adConsent: false }]);
    const mails = (await h.mail()).slice(before);
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.parsed.text ?? '').join('\n')).not.toContain('evil.example');
  });

  it('treats a filled honeypot as success but stores nothing', async () => {
    const response = await h.post('/subscribe', form('bot@example.com', { website: 'http://spam.example' }));
    expect(response.status).toBe(200);
    expect(await h.store.findByEmail('bot@example.com')).toBeUndefined();
  });

  it('stores SQL-looking input verbatim', async () => {
    const email = "x'or'1'='1@example.com";
    const name = "Robert'); DROP TABLE subscribers;--";
    expect((await h.post('/subscribe', form(email, { name }))).status).toBe(200);
    expect(await h.store.findByEmail(email)).toMatchObject({ email, name });
  });

  it('refuses forged, altered and expired tokens with 4xx and changes nothing', async () => {
    const reader = await h.store.findByEmail('known@example.com');
    const good = manageToken(SECRET, reader ?? { uid: '' });
    const forged = manageToken('another-secret-that-is-also-long-enough', reader ?? { uid: '' });
    const altered = `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const token of [forged, altered, 'garbage', `${good}.`]) {
      expect((await fetch(`${h.base}/unsubscribe/${token}`)).status).toBe(400);
      expect(
        (
          await fetch(`${h.base}/unsubscribe/${token}`, {
            method: 'POST',
            body: 'List-Unsubscribe=One-Click',
          })
        ).status,
      ).toBe(400);
      expect((await fetch(`${h.base}/preferences/${token}`)).status).toBe(400);
      expect((await fetch(`${h.base}/confirm/${token}`)).status).toBe(400);
      expect((await h.confirm(`${h.base}/confirm/${token}`)).status).toBe(400);
    }
    // A manage token is not a confirm token.
    expect((await fetch(`${h.base}/confirm/${good}`)).status).toBe(400);
    expect((await h.store.findByEmail('known@example.com'))?.status).toBe('active');

    const pending = await h.store.findByEmail('unknown@example.com');
    const old = confirmToken(SECRET, pending ?? { uid: '' }, new Date(clock.getTime() - 8 * 86_400_000));
    const expired = await fetch(`${h.base}/confirm/${old}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
    expect((await h.confirm(`${h.base}/confirm/${old}`)).status).toBe(410);
    expect((await h.store.findByEmail('unknown@example.com'))?.status).toBe('pending');
  });

  it('refuses path traversal in token and asset URLs', async () => {
    for (const path of [
      '/unsubscribe/..%2f..%2fetc%2fpasswd',
      '/preferences/%2e%2e%2f%2e%2e%2fpackage.json',
      '/confirm/..%5c..%5cwindows',
      '/assets/..%2f..%2fpackage.json',
      '/assets/../package.json',
    ]) {
      const response = await fetch(`${h.base}${path}`);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(await response.text()).not.toContain('"name": "gazette"');
    }
  });

  it('refuses oversized posts with 413', async () => {
    const response = await h.post('/subscribe', form('big@example.com', { name: 'x'.repeat(40_000) }));
    expect(response.status).toBe(413);
  });

  it('unsubscribes on a one-click POST whatever its body, and answers 400 to an unreadable form', async () => {
    const multipart = `--ABC\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--ABC--\r\n`;
    const malformed = [
      { 'content-type': 'multipart/form-data' },
      { 'content-type': 'multipart/form-data; boundary=XYZ' },
    ];
    for (const [i, headers] of malformed.entries()) {
      const created = await h.store.subscribe({
        email: `malformed${i}@example.com`,
        locale: 'en',
        categories: [],
        lists: ['daily'],
        consent: { source: 'cli', version: 'v' },
        confirmed: true,
      });
      const token = manageToken(SECRET, created.subscriber ?? { uid: '' });
      const response = await fetch(`${h.base}/unsubscribe/${token}`, {
        method: 'POST',
        headers,
        body: multipart,
      });
      expect(response.status).toBe(200);
      expect((await h.store.findByEmail(`malformed${i}@example.com`))?.status).toBe('unsubscribed');
      for (const path of ['/subscribe', `/preferences/${token}`]) {
        const refused = await fetch(`${h.base}${path}`, {
          method: 'POST',
          headers: { ...headers, origin: h.base },
          body: multipart,
        });
        expect(refused.status, path).toBe(400);
        expect(await refused.text()).toContain('The form could not be read');
      }
    }
    expect(h.logged).toEqual([]);
  });

  it('logs a server error with its detail and shows the reader a safe page', async () => {
    await sql`drop table consents`.execute(h.database.database.db);
    // The store's work runs after the response (known and unknown addresses answer alike), so
    // the reader sees "check your inbox" and the failure goes to the log, without the address.
    const response = await h.post('/subscribe', form('after-crash@example.com'));
    expect(response.status).toBe(200);
    expect(await response.text()).not.toMatch(/consents|sqlite|SQL/i);
    await h.mail();
    expect(h.logged.join('\n')).toMatch(/subscribe request failed: .*consents/);
    expect(h.logged.join('\n')).not.toContain('after-crash');
    const pending = await h.store.findByEmail('unknown@example.com');
    expect(pending?.status).toBe('pending');
    const confirmed = await h.confirm(
      `${h.base}/confirm/${confirmToken(SECRET, pending ?? { uid: '' }, clock)}`,
    );
    expect(confirmed.status).toBe(500);
    expect(h.logged.at(-1)).toMatch(/^POST \/confirm\/:token failed: .*consents/);
    const html = await confirmed.text();
    expect(html).toContain('Something went wrong');
    expect(html).not.toMatch(/consents|sqlite|SQL/i);
    // A failing token route logs its pattern, never the token (it would let a log reader act).
    const reader = await h.store.findByEmail('known@example.com');
    const token = manageToken(SECRET, reader ?? { uid: '' });
    const oneClick = await fetch(`${h.base}/unsubscribe/${token}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(500);
    expect(h.logged.at(-1)).toMatch(/^POST \/unsubscribe\/:token failed: .*consents/);
    expect(h.logged.join('\n')).not.toContain(token);
    expect(h.logged.join('\n')).not.toContain(reader?.uid ?? 'no uid');
  });
});

describe('rate limit', () => {
  let h: WebHarness;
  beforeAll(async () => {
    h = await startWebHarness(sqlite, { rateLimit: { max: 3, windowMs: 60_000 } });
  });
  afterAll(() => h.close());

  it('answers 429 with Retry-After once an IP has posted too often', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await h.post('/subscribe', form(`r${i}@example.com`))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await h.post('/subscribe', form('late@example.com'));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await h.store.findByEmail('late@example.com')).toBeUndefined();
    // Reading the form is not limited.
    expect((await fetch(`${h.base}/subscribe`)).status).toBe(200);
  });
});
