import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { createMailer } from '../../src/mail/create-mailer.ts';
import { openRuntime } from '../../src/cli/open-runtime.ts';
import { createWebApp } from '../../src/web/create-web-app.tsx';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { createSendFixture, DATE, SECRET, subscriber } from '../send/send-fixture.ts';
import type { SendFixture } from '../send/send-fixture.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;

/**
 * `gazette demo` with the environment of a production host: DATABASE_URL at the real store (one
 * real reader), SMTP_URL at a real server. The demo must touch neither.
 */
describe('gazette demo on a host with DATABASE_URL and SMTP_URL set', () => {
  let production: TestDatabase;
  let fixture: SendFixture;
  let sink: SmtpSink;
  const saved = { ...process.env };

  beforeEach(async () => {
    production = await sqlite.create();
    sink = await startSmtpSink();
    fixture = createSendFixture({ databaseUrl: production.url });
    await createKyselyStore(production.database.db).importBatch([
      subscriber('real.reader@example.com', 'en'),
    ]);
    process.env.DATABASE_URL = production.url;
    process.env.SMTP_URL = sink.url;
    process.env.GAZETTE_SECRET = SECRET;
    process.env.GAZETTE_PUBLIC_URL = 'https://news.example';
  });
  afterEach(async () => {
    process.env = { ...saved };
    await sink.close();
    await production.cleanup();
    fixture.cleanup();
  });

  const demo = async () => {
    let out = '';
    let err = '';
    const config = path.join(fixture.dir, 'gazette.config.json');
    const code = await main(['node', 'gazette', '--config', config, 'demo'], {
      out: (text) => void (out += text),
      err: (text) => void (err += text),
      isTTY: false,
    });
    return { code, out, err };
  };
  const outbox = () => {
    const dir = path.join(fixture.dir, 'outbox', DATE);
    return existsSync(dir) ? readdirSync(dir).map((name) => readFileSync(path.join(dir, name), 'utf8')) : [];
  };

  it('uses its own SQLite file and the outbox, says so, and leaves the real store and server alone', async () => {
    const first = await demo();
    expect(first.code, first.err).toBe(0);
    expect(first.err).toContain('DATABASE_URL is set, but the demo ignores it');
    expect(first.err).toContain('SMTP_URL is set, but the demo ignores it');
    // Not contradicted by the send job's own line for an unset SMTP_URL.
    expect(first.err).not.toContain('SMTP_URL is unset');
    // The secret is set here: the demo names the store to serve, and no secret.
    expect(first.out).toContain('DATABASE_URL=sqlite:./data/demo.db gazette serve --dev\n');
    // Neither URL is echoed: both may carry a password.
    expect(first.err).not.toContain(production.url);
    expect(first.err).not.toContain(sink.url);
    expect(first.out).toContain('Imported 12 sample subscribers into sqlite:./data/demo.db');
    expect(existsSync(path.join(fixture.dir, 'data', 'demo.db'))).toBe(true);

    // The real store: no delivery planned or marked sent, so the real send still reaches everyone.
    const rows = await production.database.db.selectFrom('deliveries').select('id').execute();
    expect(rows).toEqual([]);
    expect(sink.received).toEqual([]);
    const messages = outbox();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.some((eml) => eml.includes('real.reader@example.com'))).toBe(false);
    expect(messages.every((eml) => /^To: [^\r\n]*@example\.com\r$/m.test(eml))).toBe(true);

    const second = await demo();
    expect(second.code, second.err).toBe(0);
    expect(second.out).not.toContain('Imported');
    expect(outbox()).toHaveLength(messages.length);
  });

  it('off a terminal it logs JSON lines, not progress-bar frames', async () => {
    const result = await demo();
    expect(result.code, result.err).toBe(0);
    expect(result.out).not.toContain('\r');
    const records = result.out
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const summary = records.find((record) => record.type === 'summary');
    expect(summary).toMatchObject({ sent: outbox().length, failed: 0 });
    // The plain-text lines a reader needs are still there.
    expect(result.out).toMatch(/Done\. Open the \.eml files under .*outbox/);
  });
});

/** Issue 15: `npm run demo`, then what it prints, lets a newcomer click the demo's links. */
describe('gazette demo on a fresh checkout (no GAZETTE_SECRET)', () => {
  let fixture: SendFixture;
  const saved = { ...process.env };
  beforeEach(() => {
    fixture = createSendFixture({ databaseUrl: 'sqlite:./data/unused.db' });
    for (const key of ['DATABASE_URL', 'SMTP_URL', 'GAZETTE_SECRET', 'GAZETTE_PUBLIC_URL'])
      delete process.env[key];
  });
  afterEach(() => {
    process.env = { ...saved };
    fixture.cleanup();
  });

  it('prints the serve command whose secret and store accept the links in its emails', async () => {
    let out = '';
    const config = path.join(fixture.dir, 'gazette.config.json');
    const code = await main(['node', 'gazette', '--config', config, 'demo'], {
      out: (text) => void (out += text),
      err: () => undefined,
      isTTY: false,
    });
    expect(code).toBe(0);
    const command = /^ {2}DATABASE_URL=(\S+) GAZETTE_SECRET=(\S+) gazette serve --dev$/m.exec(out);
    expect(command, out).not.toBeNull();
    const [, databaseUrl = '', secret = ''] = command ?? [];

    const dir = path.join(fixture.dir, 'outbox', DATE);
    const eml = readFileSync(path.join(dir, readdirSync(dir)[0] ?? ''), 'utf8');
    const link = /^List-Unsubscribe:\s*<(http[^>]+)>/m.exec(eml)?.[1];
    expect(link, eml.slice(0, 2000)).toBeDefined();

    // What `gazette serve --dev` builds from that environment, in-process.
    const answer = async (withSecret: string) => {
      process.env.DATABASE_URL = databaseUrl;
      process.env.GAZETTE_SECRET = withSecret;
      const served = await loadConfig({ configPath: config });
      const opened = await openRuntime(served);
      const mailer = createMailer(served, 'transactional');
      try {
        const web = createWebApp({ config: served, store: opened.store, mailer });
        const response = await web.app.fetch(new Request(link ?? ''));
        await web.idle();
        return { status: response.status, body: await response.text() };
      } finally {
        await mailer.close();
        await opened.close();
      }
    };
    const clicked = await answer(secret);
    expect(clicked.status).toBe(200);
    expect(clicked.body).toMatch(/@example\.com/);
    // With serve --dev's throwaway secret instead, the same link is refused.
    expect((await answer('another-secret-of-at-least-thirty-two-chars')).status).not.toBe(200);
  });
});
