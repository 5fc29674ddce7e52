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

/** Unsubscribe links are GAZETTE_PUBLIC_URL + a token: real mail must not carry localhost links. */
describe('gazette send: the public URL of real mail', () => {
  let test: TestDatabase;
  let fixture: SendFixture;
  let sink: SmtpSink;
  const saved = { ...process.env };

  beforeEach(async () => {
    test = await sqlite.create();
    sink = await startSmtpSink();
    fixture = createSendFixture({ databaseUrl: test.url });
    await createKyselyStore(test.database.db).importBatch([subscriber('reader@example.com', 'en')]);
    process.env.DATABASE_URL = test.url;
    process.env.GAZETTE_SECRET = SECRET;
    process.env.SMTP_URL = sink.url;
    delete process.env.GAZETTE_PUBLIC_URL;
  });
  afterEach(async () => {
    process.env = { ...saved };
    await sink.close();
    await test.cleanup();
    fixture.cleanup();
  });

  const send = async (...args: string[]) => {
    let out = '';
    let err = '';
    const config = path.join(fixture.dir, 'gazette.config.json');
    const code = await main(['node', 'gazette', '--config', config, 'send', '--date', DATE, ...args], {
      out: (text) => void (out += text),
      err: (text) => void (err += text),
      isTTY: false,
    });
    return { code, out, err };
  };
  const ledgerRows = () => test.database.db.selectFrom('deliveries').select('id').execute();

  it.each([
    ['unset (the localhost default)', undefined],
    ['a loopback address', 'https://127.0.0.1:8443'],
    ['localhost over https', 'https://localhost'],
    ['plain http', 'http://news.example.com'],
  ])('over SMTP, refuses a public URL that is %s before planning or sending anything', async (_name, url) => {
    if (url !== undefined) process.env.GAZETTE_PUBLIC_URL = url;
    const result = await send();
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^gazette: GAZETTE_PUBLIC_URL .*for example https:\/\/news\.example\.com/m);
    expect(result.err).not.toMatch(/Sending through/);
    expect(sink.received).toHaveLength(0);
    expect(await ledgerRows()).toHaveLength(0);
  });

  it('sends with an https public URL, whose address is in the List-Unsubscribe header', async () => {
    process.env.GAZETTE_PUBLIC_URL = 'https://news.example.com';
    const result = await send();
    expect(result.code, result.err).toBe(0);
    expect(sink.received).toHaveLength(1);
    const header = sink.received[0]?.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line;
    expect(header?.replace(/\r?\n\s+/g, ' ')).toMatch(
      /^List-Unsubscribe: <https:\/\/news\.example\.com\/unsubscribe\/[^>]+>/,
    );
  });

  it('--dry-run over SMTP keeps working with the default: it sends nothing', async () => {
    const result = await send('--dry-run');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/"type":"plan"/);
    expect(sink.received).toHaveLength(0);
  });

  it('the outbox (SMTP_URL unset) keeps working with the default', async () => {
    delete process.env.SMTP_URL;
    const result = await send();
    expect(result.code, result.err).toBe(0);
    expect(result.err).toMatch(/SMTP_URL is unset: writing \.eml files/);
    expect(await ledgerRows()).toHaveLength(1);
  });
});
