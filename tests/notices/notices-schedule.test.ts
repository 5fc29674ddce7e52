import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { today } from '../../src/edition/local-date.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { spawnGazette } from '../cli/cli-harness.ts';
import type { GazetteChild } from '../cli/cli-harness.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { createSendFixture, DATE, SECRET, subscriber } from '../send/send-fixture.ts';
import type { SendFixture } from '../send/send-fixture.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
const WAIT_MS = 20_000;
type LogRecord = Record<string, unknown>;
const events = (records: LogRecord[], event: string) =>
  records.filter((r) => r.type === 'schedule' && r.event === event);

describe('gazette schedule runs the consent notices', () => {
  let test: TestDatabase;
  let fixture: SendFixture;
  let sink: SmtpSink;
  let child: GazetteChild | undefined;

  beforeEach(async () => {
    test = await sqlite.create();
    sink = await startSmtpSink();
    fixture = createSendFixture({ databaseUrl: test.url });
    const day = today(fixture.config.timeZone);
    const contentDir = path.join(fixture.dir, 'content');
    for (const name of readdirSync(contentDir)) {
      const file = path.join(contentDir, name);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll(DATE, day));
    }
    // Ad consent given two years ago today (Seoul): the notice is due on this tick.
    const [y, m, d] = day.split('-');
    const consentedAt = new Date(`${Number(y) - 2}-${m}-${d}T00:00:00+09:00`).toISOString();
    await createKyselyStore(test.database.db).importBatch([
      subscriber('due@example.com', 'ko', [], { adConsent: true, consentedAt }),
      subscriber('plain@example.com', 'en'),
    ]);
  });

  afterEach(async () => {
    if (child !== undefined) {
      child.kill('SIGKILL');
      await child.exited(5_000);
      child = undefined;
    }
    await sink.close();
    await test.cleanup();
    fixture.cleanup();
  });

  it('after each send: the notice due today goes out once; the next tick sends none', async () => {
    const configFile = path.join(fixture.dir, 'gazette.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...config, schedule: '* * * * * *' }));
    child = spawnGazette(['--config', configFile, 'schedule'], {
      cwd: fixture.dir,
      env: {
        DATABASE_URL: test.url,
        GAZETTE_SECRET: SECRET,
        SMTP_URL: sink.url,
        GAZETTE_PUBLIC_URL: 'https://news.example',
      },
    });
    await child.until((records) => events(records, 'notices').length >= 2, WAIT_MS);
    expect(events(child.records, 'notices').slice(0, 2)).toMatchObject([{ exitCode: 0 }, { exitCode: 0 }]);
    expect(events(child.records, 'notices-error')).toEqual([]);
    // The notices' summary goes to stderr: stdout stays JSON lines.
    expect(child.stdout).not.toMatch(/Consent notices at/);
    expect(child.stderr).toMatch(/Consent notices at .*: 1 due, 1 sent now/);
    const notices = sink.received.filter((mail) => /광고성 정보 수신 동의/.test(mail.parsed.subject ?? ''));
    expect(notices.map((mail) => mail.envelope.to[0])).toEqual(['due@example.com']);
    const editions = sink.received
      .filter((mail) => !notices.includes(mail))
      .map((mail) => mail.envelope.to[0]);
    expect(editions.sort()).toEqual(['due@example.com', 'plain@example.com']);
  });
});
