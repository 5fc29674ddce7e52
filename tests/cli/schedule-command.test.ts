import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { today } from '../../src/edition/local-date.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { createSendFixture, DATE, SECRET, subscriber } from '../send/send-fixture.ts';
import type { SendFixture } from '../send/send-fixture.ts';
import { cliWorkspace, spawnGazette } from './cli-harness.ts';
import type { GazetteChild } from './cli-harness.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
const READERS = ['ko@example.com', 'en@example.com'];
/** Every second (croner's six-field form, seconds first): a tick comes round while the test waits. */
const EVERY_SECOND = '* * * * * *';
/** Start-up (a build of the CLI or tsx, the config, the first render) plus a tick or two. */
const WAIT_MS = 15_000;

type LogRecord = Record<string, unknown>;
const scheduleEvents = (records: LogRecord[], event: string) =>
  records.filter((r) => r.type === 'schedule' && r.event === event);

describe('gazette schedule as a process', () => {
  let test: TestDatabase;
  let fixture: SendFixture;
  let sink: SmtpSink;
  let child: GazetteChild | undefined;

  beforeEach(async () => {
    test = await sqlite.create();
    sink = await startSmtpSink();
    fixture = createSendFixture({ databaseUrl: test.url });
    // The send defaults to today in the config's time zone: move the fixture's items to today.
    const contentDir = path.join(fixture.dir, 'content');
    for (const name of readdirSync(contentDir)) {
      const file = path.join(contentDir, name);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll(DATE, today(fixture.config.timeZone)));
    }
    await createKyselyStore(test.database.db).importBatch(READERS.map((email) => subscriber(email, 'en')));
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

  /** Write the fixture's config with `schedule` set, then start `gazette schedule` on it. */
  const startSchedule = (schedule: string, env: Record<string, string | undefined> = {}) => {
    const configFile = path.join(fixture.dir, 'gazette.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...config, schedule }));
    child = spawnGazette(['--config', configFile, 'schedule'], {
      cwd: fixture.dir,
      env: {
        DATABASE_URL: test.url,
        GAZETTE_SECRET: SECRET,
        SMTP_URL: sink.url,
        // Real mail needs a public https address for its unsubscribe links.
        GAZETTE_PUBLIC_URL: 'https://news.example',
        ...env,
      },
    });
    return child;
  };

  const perRecipient = () => {
    const counts: Record<string, number> = {};
    for (const mail of sink.received) {
      for (const to of mail.envelope.to) counts[to] = (counts[to] ?? 0) + 1;
    }
    return counts;
  };

  it("sends today's edition on a tick, one message per reader; the next tick sends nothing new", async () => {
    const started = Date.now();
    const gazette = startSchedule(EVERY_SECOND);
    await gazette.until((records) => scheduleEvents(records, 'waiting').length > 0, WAIT_MS);
    const [waiting] = scheduleEvents(gazette.records, 'waiting');
    expect(waiting).toMatchObject({ cron: EVERY_SECOND, timeZone: 'Asia/Seoul' });
    const nextRun = Date.parse(String(waiting?.nextRun));
    expect(nextRun).toBeGreaterThan(started);
    expect(nextRun - Date.now()).toBeLessThanOrEqual(1_000);

    await gazette.until((records) => scheduleEvents(records, 'done').length >= 1, WAIT_MS);
    expect(scheduleEvents(gazette.records, 'start').length).toBeGreaterThanOrEqual(1);
    expect(scheduleEvents(gazette.records, 'done')[0]).toMatchObject({ exitCode: 0 });
    expect(perRecipient()).toEqual({ 'ko@example.com': 1, 'en@example.com': 1 });

    // The ledger makes the second run a no-op: it finds everyone already sent.
    await gazette.until((records) => scheduleEvents(records, 'done').length >= 2, WAIT_MS);
    expect(scheduleEvents(gazette.records, 'done')[1]).toMatchObject({ exitCode: 0 });
    const summaries = gazette.records.filter((r) => r.type === 'summary');
    expect(summaries.slice(0, 2)).toMatchObject([{ sent: 2 }, { sent: 0 }]);
    expect(scheduleEvents(gazette.records, 'error')).toEqual([]);
    expect(perRecipient()).toEqual({ 'ko@example.com': 1, 'en@example.com': 1 });
  });

  it('SIGTERM during a send: the send drains, the schedule says it is stopping and exits 0', async () => {
    const gazette = startSchedule(EVERY_SECOND);
    await gazette.until((records) => scheduleEvents(records, 'start').length > 0, WAIT_MS);
    gazette.kill('SIGTERM');
    // exited() rejects if the process is still running by then.
    const exit = await gazette.exited(10_000);
    expect(exit, gazette.stderr).toEqual({ code: 0, signal: null });
    expect(gazette.stderr).toMatch(/SIGTERM: stopping the schedule/);
    // The send under way was finished and logged, not cut off; none started after the signal.
    const starts = scheduleEvents(gazette.records, 'start').length;
    const ends =
      scheduleEvents(gazette.records, 'done').length + scheduleEvents(gazette.records, 'error').length;
    expect(ends).toBe(starts);
    expect(starts).toBe(1);
  });

  it('a failed send is logged and the schedule keeps going: the next tick sends once the fault is fixed', async () => {
    const contentDir = path.join(fixture.dir, 'content');
    const away = path.join(fixture.dir, 'content-away');
    renameSync(contentDir, away);
    const gazette = startSchedule(EVERY_SECOND);
    // Two failed ticks in a row: the first failure did not stop the schedule.
    await gazette.until((records) => scheduleEvents(records, 'error').length >= 2, WAIT_MS);
    const [error] = scheduleEvents(gazette.records, 'error');
    expect(error?.message).toContain(`Cannot read the content folder ${contentDir}`);
    expect(Date.parse(String(error?.nextRun))).toBeGreaterThan(0);
    expect(sink.received).toHaveLength(0);

    renameSync(away, contentDir);
    await gazette.until((records) => scheduleEvents(records, 'done').some((r) => r.exitCode === 0), WAIT_MS);
    expect(perRecipient()).toEqual({ 'ko@example.com': 1, 'en@example.com': 1 });
  });

  it('refuses to start over SMTP with the localhost default public URL, naming GAZETTE_PUBLIC_URL', async () => {
    const gazette = startSchedule(EVERY_SECOND, { GAZETTE_PUBLIC_URL: undefined });
    const exit = await gazette.exited(WAIT_MS);
    expect(exit.code, gazette.stderr).toBe(1);
    expect(gazette.stderr).toMatch(
      /gazette: GAZETTE_PUBLIC_URL is unset .*for example https:\/\/news\.example\.com/,
    );
    expect(scheduleEvents(gazette.records, 'waiting')).toEqual([]);
    expect(sink.received).toHaveLength(0);
  });

  it.each([
    ['not cron at all', 'every morning', /- schedule: is not a cron expression/],
    ['a minute out of range', '61 7 * * *', /- schedule: is not a cron expression/],
    ['a date that never comes (30 February)', '0 7 30 2 *', /- schedule: never comes/],
  ])(
    'a schedule that is %s is a config error naming `schedule`, not a stack trace',
    async (_name, cron, reason) => {
      const gazette = startSchedule(cron);
      const exit = await gazette.exited(WAIT_MS);
      expect(exit.code, gazette.stderr).toBe(1);
      // From gazette's own message on: a warning printed by bin/ before it is not the command's doing.
      const message = gazette.stderr.slice(gazette.stderr.indexOf('gazette: '));
      expect(message).toMatch(/^gazette: gazette\.config\.json is invalid:\n/);
      expect(message).toMatch(reason);
      expect(message).not.toMatch(/unexpected error|^\s+at /m);
      expect(scheduleEvents(gazette.records, 'waiting')).toEqual([]);
    },
  );
});

/** Issue 15: schedule refuses at start what send would refuse at 07:00. */
describe('gazette schedule checks at start', () => {
  let test: TestDatabase;
  let cli: ReturnType<typeof cliWorkspace>;
  beforeEach(async () => {
    test = await sqlite.create();
    cli = cliWorkspace(test);
  });
  afterEach(async () => {
    cli.cleanup();
    await test.cleanup();
  });

  it('without a secret: exit 1 at once, naming GAZETTE_SECRET', async () => {
    const result = await cli.run(['schedule'], { GAZETTE_SECRET: undefined });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^gazette: GAZETTE_SECRET must be set to at least 32 characters/);
    expect(result.out).not.toContain('waiting');
  });

  it('with a database that cannot be opened: exit 1 at once, one line', async () => {
    const result = await cli.run(['schedule'], { DATABASE_URL: 'postgres://postgres:pw@127.0.0.1:1/x' });
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'gazette: The database server at 127.0.0.1:1 refuses connections: is it running, and are the host and port in DATABASE_URL right?\n',
    );
  });
});
