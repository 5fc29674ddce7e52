import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
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
