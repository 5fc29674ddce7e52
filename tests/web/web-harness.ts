import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Config } from '../../src/config/config.ts';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { createWebApp } from '../../src/web/create-web-app.tsx';
import type { WebApp } from '../../src/web/create-web-app.tsx';
import type { WebDeps } from '../../src/web/web-deps.ts';
import { testConfig, TWO_LISTS } from '../fixtures/test-config.ts';
import type { DialectSetup, TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { ReceivedMail, SmtpSink, SmtpSinkOptions } from '../helpers/smtp-sink.ts';

export const SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface WebHarness {
  base: string;
  config: Config;
  store: SubscriberStore;
  sink: SmtpSink;
  web: WebApp;
  logged: string[];
  /** Wait for mail started by requests, then return everything received so far. */
  mail(): Promise<ReceivedMail[]>;
  /** Press the button on a confirmation link's page: POST the link as this site's form would. */
  confirm(url: string): Promise<Response>;
  /** POST a form as the browser on this site would (Origin set). */
  post(
    path: string,
    fields: Record<string, string | string[]>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  close(): Promise<void>;
}

/** The web tests' config: two lists, two categories; `publicUrl` and `extra` are the environment. */
export function webConfig(publicUrl: string, extra: Record<string, string> = {}): Config {
  return testConfig(
    { ...TWO_LISTS, unsubscribeMailto: 'unsubscribe@gazette.example' },
    { rootDir: process.cwd(), env: { GAZETTE_SECRET: SECRET, GAZETTE_PUBLIC_URL: publicUrl, ...extra } },
  );
}

/** A real HTTP server on port 0 over a real store and a real SMTP sink. */
export async function startWebHarness(
  dialect: DialectSetup,
  options: Partial<Pick<WebDeps, 'rateLimit' | 'now' | 'resendAfterMs'>> & {
    mailer?: (sink: SmtpSink) => Mailer;
    sink?: SmtpSinkOptions;
    /** `web.trustProxy` (none by default). */
    trustProxy?: string[];
  } = {},
): Promise<WebHarness & { database: TestDatabase }> {
  const database = await dialect.create();
  const store = createKyselyStore(database.database.db);
  const sink = await startSmtpSink(options.sink);
  // The server starts first: the app's config needs the port it got.
  const holder: { web?: WebApp } = {};
  const server = serve({
    fetch: (request, env) => (holder.web as WebApp).app.fetch(request, env),
    port: 0,
    hostname: '127.0.0.1',
  }) as Server;
  await new Promise<void>((resolve) =>
    server.listening ? resolve() : server.once('listening', () => resolve()),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const base0 = webConfig(base, { SMTP_URL: sink.url });
  const config = { ...base0, web: { ...base0.web, trustProxy: options.trustProxy ?? [] } };
  const mailer = options.mailer?.(sink) ?? createSmtpMailer({ url: sink.url, pool: 1 });
  const logged: string[] = [];
  const app = createWebApp({
    config,
    store,
    mailer,
    log: (text, error) => logged.push(`${text}: ${(error as Error | undefined)?.message ?? ''}`),
    rateLimit: options.rateLimit ?? { max: 1000, windowMs: 60_000 },
    now: options.now,
    resendAfterMs: options.resendAfterMs,
  });
  holder.web = app;
  return {
    base,
    config,
    store,
    sink,
    web: app,
    logged,
    database,
    async mail() {
      await app.idle();
      return sink.received;
    },
    confirm(url) {
      return fetch(url, { method: 'POST', redirect: 'manual', headers: { origin: base } });
    },
    post(path, fields, headers = {}) {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(fields)) {
        for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
      }
      return fetch(`${base}${path}`, {
        method: 'POST',
        body,
        redirect: 'manual',
        headers: { origin: base, 'user-agent': 'JourneyTest/1.0', ...headers },
      });
    },
    async close() {
      await app.idle();
      await mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sink.close();
      await database.cleanup();
    },
  };
}

/** The first link in a mail's text part that starts with `${base}${prefix}`. */
export function linkIn(mail: ReceivedMail | undefined, base: string, prefix: string): string {
  const text = mail?.parsed.text ?? '';
  const escaped = `${base}${prefix}`.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = text.match(new RegExp(`${escaped}[A-Za-z0-9_.-]+`));
  if (!match) throw new Error(`no ${prefix} link in mail:\n${text}`);
  return match[0];
}
