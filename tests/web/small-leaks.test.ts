import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { createWebApp } from '../../src/web/create-web-app.tsx';
import type { Mailer } from '../../src/mail/mailer.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { startWebHarness, webConfig } from './web-harness.ts';
import type { WebHarness } from './web-harness.ts';

const ORIGIN = 'http://127.0.0.1';

function subscribeBody(email: string): URLSearchParams {
  return new URLSearchParams({ email, lists: 'daily', locale: 'en', website: '' });
}

describe.each(DIALECTS)('subscribe answers before any store work on $name', (dialect) => {
  it.skipIf(!dialect.available)('writes no row until the response is out', async () => {
    const database = await dialect.create();
    try {
      const real = createKyselyStore(database.database.db);
      const calls: string[] = [];
      // The real store, with every call recorded (nothing is faked).
      const store = new Proxy(real, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(String(key));
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }) as SubscriberStore;
      const sent: string[] = [];
      const mailer = {
        kind: 'outbox',
        destination: 'memory',
        send: async (message: { to: string }) => {
          sent.push(message.to);
          return { messageId: 'x', accepted: [message.to], rejected: [] };
        },
        close: async () => {},
      } as unknown as Mailer;
      const web = createWebApp({ config: webConfig(ORIGIN), store, mailer, log: () => {} });
      for (const email of ['new-reader@example.com', 'new-reader@example.com']) {
        const response = await web.app.request('/subscribe', {
          method: 'POST',
          body: subscribeBody(email),
          headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('Check your inbox');
        // The answer is complete and the store has not been touched: known and unknown addresses
        // cannot differ in timing by work done before the response.
        expect(calls).toEqual([]);
        await web.idle();
        expect(calls).toContain('subscribe');
        calls.length = 0;
      }
      expect((await real.findByEmail('new-reader@example.com'))?.status).toBe('pending');
      expect(sent).toEqual(['new-reader@example.com']);
    } finally {
      await database.cleanup();
    }
  });
});

describe.each(DIALECTS)('confirmation mail after an SMTP failure on $name', (dialect) => {
  let h: WebHarness;
  let refusals = 0;
  beforeAll(async () => {
    if (!dialect.available) return;
    h = await startWebHarness(dialect, {
      sink: {
        onRecipient: (address) =>
          address === 'unlucky@example.com' && refusals++ === 0
            ? { code: 451, message: '4.3.0 try again later' }
            : undefined,
      },
    });
  });
  afterAll(() => h?.close());

  it.skipIf(!dialect.available)(
    'is marked sent only once handed over, so a retry gets a new mail',
    async () => {
      await h.post('/subscribe', { email: 'unlucky@example.com', lists: 'daily', website: '' });
      expect(await h.mail()).toEqual([]);
      expect(refusals).toBe(1);
      const subscriber = await h.store.findByEmail('unlucky@example.com');
      expect(subscriber?.status).toBe('pending');
      // The log names the subscriber by id, never the address (the SMTP reply quotes it).
      expect(h.logged.join('\n')).toContain(`confirmation mail to subscriber ${subscriber?.id} failed`);
      expect(h.logged.join('\n')).not.toContain('unlucky@');
      // A minute later, well within the 10-minute resend interval: the reader asks again and gets it.
      await h.post('/subscribe', { email: 'unlucky@example.com', lists: 'daily', website: '' });
      const mails = await h.mail();
      expect(mails.map((m) => m.envelope.to[0])).toEqual(['unlucky@example.com']);
      // Once sent, a third request within the interval sends nothing more.
      await h.post('/subscribe', { email: 'unlucky@example.com', lists: 'daily', website: '' });
      expect((await h.mail()).length).toBe(1);
    },
  );
});

describe('security headers', () => {
  const store = {} as SubscriberStore;
  const mailer = {} as Mailer;

  it('sends the same policy as before through hono/secure-headers, and HSTS only for an https public URL', async () => {
    const plain = createWebApp({ config: webConfig('http://127.0.0.1:8080'), store, mailer });
    const response = await plain.app.request('/subscribe');
    const headers = Object.fromEntries(
      [...response.headers].filter(([name]) => name !== 'content-type' && name !== 'content-length'),
    );
    expect(headers).toEqual({
      'content-security-policy':
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'cross-origin-opener-policy': 'same-origin',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
      'cache-control': 'no-store',
    });
    const secure = createWebApp({ config: webConfig('https://news.example'), store, mailer });
    for (const path of ['/subscribe', '/nowhere', '/assets/gazette.css']) {
      const hsts = (await secure.app.request(path)).headers.get('strict-transport-security');
      expect(hsts).toBe('max-age=31536000; includeSubDomains');
    }
  });
});

describe('formatLogError', () => {
  it('keeps the SMTP reply of the cause and replaces every address', async () => {
    const { formatLogError } = await import('../../src/web/format-log-error.ts');
    const smtp = new Error(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <Reader.Kim+news@example.co.kr>",
    );
    const line = formatLogError(new Error('confirmation mail to subscriber 7 failed', { cause: smtp }));
    expect(line).toContain('confirmation mail to subscriber 7 failed');
    expect(line).toContain(
      "caused by: Error: Can't send mail - all recipients were rejected: 550 5.1.1 <<address>>",
    );
    expect(line).not.toMatch(/Reader|example\.co\.kr/);
  });
});
