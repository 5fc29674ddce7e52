import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { createSendFixture, DATE, SECRET, subscriber } from '../send/send-fixture.ts';
import type { SendFixture } from '../send/send-fixture.ts';
import { spawnGazette } from './cli-harness.ts';
import type { GazetteChild } from './cli-harness.ts';

/** Start-up (a build of the CLI or tsx, the config) plus the wait for the first hour. */
const WAIT_MS = 20_000;
const READERS = {
  'seoul@example.com': 'Asia/Seoul',
  'berlin@example.com': 'Europe/Berlin',
  'la@example.com': 'America/Los_Angeles',
} as const;

type LogRecord = Record<string, unknown>;

/** Poll (every 20 ms, bounded) for what a child's log lines do not announce, such as mail arriving. */
async function waitFor(ready: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const events = (records: LogRecord[], event: string) =>
  records.filter((r) => r.type === 'schedule' && r.event === event);

/** Issue 17: each reader's copy at 07:00 in their own zone, exactly once, whatever happens. */
describe.each(DIALECTS)('deliverAt: the reader’s local hour on $name', (dialect) => {
  let test: TestDatabase;
  let fixture: SendFixture;
  let sink: SmtpSink;
  let child: GazetteChild | undefined;
  let databaseUrl: string;

  const setUp = async (
    date = DATE,
    readers: Record<string, string> = READERS,
    sendOptions: Record<string, unknown> = {},
  ) => {
    test = await dialect.create();
    sink = await startSmtpSink();
    // A child reaches the test's PostgreSQL schema through the connection string's options.
    databaseUrl = test.schema
      ? `${test.url}?options=${encodeURIComponent(`-c search_path=${test.schema}`)}`
      : test.url;
    fixture = createSendFixture({ databaseUrl }, sendOptions);
    const configFile = path.join(fixture.dir, 'gazette.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { lists: Record<string, unknown>[] };
    config.lists = config.lists.map((list) => ({ ...list, deliverAt: '07:00' }));
    writeFileSync(configFile, JSON.stringify(config));
    if (date !== DATE) {
      const contentDir = path.join(fixture.dir, 'content');
      for (const name of readdirSync(contentDir)) {
        const file = path.join(contentDir, name);
        writeFileSync(file, readFileSync(file, 'utf8').replaceAll(DATE, date));
      }
    }
    await createKyselyStore(test.database.db).importBatch(
      Object.entries(readers).map(([email, timeZone]) => subscriber(email, 'en', [], { timeZone })),
    );
  };

  afterEach(async () => {
    if (child !== undefined) {
      child.kill('SIGKILL');
      await child.exited(5_000).catch(() => undefined);
      child = undefined;
    }
    await sink?.close();
    await test?.cleanup();
    fixture?.cleanup();
  });

  const env = () => ({
    DATABASE_URL: databaseUrl,
    GAZETTE_SECRET: SECRET,
    SMTP_URL: sink.url,
    GAZETTE_PUBLIC_URL: 'https://news.example',
  });
  const configArgs = () => ['--config', path.join(fixture.dir, 'gazette.config.json')];
  const schedule = (now: string) => {
    child = spawnGazette([...configArgs(), 'schedule', '--now', now], { cwd: fixture.dir, env: env() });
    return child;
  };
  /** `gazette send …` in this process (faster than a child; the same code). */
  const send = async (args: string[], isTTY = false) => {
    const saved = Object.fromEntries(Object.keys(env()).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env());
    let out = '';
    let err = '';
    try {
      const code = await main(['node', 'gazette', ...configArgs(), 'send', ...args], {
        out: (t) => void (out += t),
        err: (t) => void (err += t),
        isTTY,
      });
      return { code, out, err };
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  };
  const perRecipient = () => {
    const counts: Record<string, number> = {};
    for (const mail of sink.received) for (const to of mail.envelope.to) counts[to] = (counts[to] ?? 0) + 1;
    return counts;
  };
  const moveReader = (email: string, timeZone: string) =>
    test.database.db
      .updateTable('subscribers')
      .set({ time_zone: timeZone })
      .where('email', '=', email)
      .execute();

  describe.skipIf(!dialect.available)('', () => {
    it('schedule sends Seoul, Berlin and Los Angeles each at their 07:00, once, across SIGKILLs and a restart', async () => {
      await setUp();
      // 06:59:57 in Seoul on the 23rd: nothing is planned before the list's hour.
      let gazette = schedule('2026-11-22T21:59:57Z');
      await gazette.until((r) => events(r, 'waiting').length > 0, WAIT_MS);
      expect(events(gazette.records, 'waiting')[0]?.nextRun).toBe('2026-11-22T22:00:00.000Z');
      await gazette.until((r) => events(r, 'done').some((d) => d.reason !== 'catch-up'), WAIT_MS);
      expect(perRecipient()).toEqual({ 'seoul@example.com': 1 });
      // The next wake is Berlin's 07:00, computed from the ledger.
      const done = events(gazette.records, 'done').at(-1);
      expect(done?.nextRun).toBe('2026-11-23T06:00:00.000Z');
      expect(Date.parse(String(done?.now))).toBeGreaterThanOrEqual(Date.parse('2026-11-22T22:00:00Z'));
      gazette.kill('SIGKILL');
      await gazette.exited(5_000);

      // Restarted three seconds before Berlin's hour: Seoul is not sent again, Berlin is at 07:00.
      gazette = schedule('2026-11-23T05:59:57Z');
      await gazette.until((r) => events(r, 'done').some((d) => d.reason === 'release'), WAIT_MS);
      expect(perRecipient()).toEqual({ 'seoul@example.com': 1, 'berlin@example.com': 1 });
      expect(events(gazette.records, 'done').at(-1)?.nextRun).toBe('2026-11-23T15:00:00.000Z');
      gazette.kill('SIGKILL');
      await gazette.exited(5_000);

      // Down through Los Angeles' 07:00: the restart sends it at once, and only it.
      gazette = schedule('2026-11-23T15:42:00Z');
      await gazette.until((r) => events(r, 'done').length > 0, WAIT_MS);
      expect(events(gazette.records, 'done')[0]).toMatchObject({ reason: 'catch-up', exitCode: 0 });
      expect(perRecipient()).toEqual({
        'seoul@example.com': 1,
        'berlin@example.com': 1,
        'la@example.com': 1,
      });
      gazette.kill('SIGTERM');
      expect((await gazette.exited(10_000)).code).toBe(0);
      const rows = await test.database.db.selectFrom('deliveries').select(['email', 'status']).execute();
      expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    });

    it('SIGKILL mid-send: the restarted schedule wakes when the dead run’s lease ends and sends the rest once', async () => {
      const seoul = {
        'a@example.com': 'Asia/Seoul',
        'b@example.com': 'Asia/Seoul',
        'c@example.com': 'Asia/Seoul',
      };
      // One message a second, one at a time, leases of 3 s: the kill lands between two messages.
      await setUp(DATE, seoul, { leaseSeconds: 3, ratePerSecond: 1, concurrency: 1 });
      let gazette = schedule('2026-11-22T22:00:05Z');
      await waitFor(() => sink.received.length >= 1, WAIT_MS);
      // Let the first result be written (the one copy that could go twice is the one in flight).
      await new Promise((resolve) => setTimeout(resolve, 300));
      gazette.kill('SIGKILL');
      await gazette.exited(5_000);
      const sentBefore = sink.received.length;
      expect(sentBefore).toBeLessThan(3);

      gazette = schedule('2026-11-22T22:00:20Z');
      await waitFor(() => sink.received.length >= 3, WAIT_MS);
      await gazette.until((r) => events(r, 'done').some((d) => d.exitCode === 0), WAIT_MS);
      expect(perRecipient()).toEqual({ 'a@example.com': 1, 'b@example.com': 1, 'c@example.com': 1 });
      gazette.kill('SIGTERM');
      expect((await gazette.exited(10_000)).code).toBe(0);
    });

    it('send --now: a reader who moves between planning and release gets one copy, at the later hour', async () => {
      await setUp();
      expect((await send(['--now', '2026-11-22T22:00:30Z'])).code).toBe(0);
      expect(perRecipient()).toEqual({ 'seoul@example.com': 1 });
      // Berlin moves west (their hour comes later), Los Angeles east (Tokyo's hour has passed).
      await moveReader('berlin@example.com', 'America/Los_Angeles');
      await moveReader('la@example.com', 'Asia/Tokyo');
      const atBerlin = await send(['--now', '2026-11-23T06:00:30Z']);
      expect(atBerlin.code).toBe(0);
      expect(atBerlin.err).toMatch(
        /2 messages wait for their reader's hour .* released at 2026-11-23T15:00:00\.000Z/,
      );
      expect(perRecipient()).toEqual({ 'seoul@example.com': 1 });
      await send(['--now', '2026-11-23T15:00:30Z']);
      await send(['--now', '2026-11-23T16:00:30Z']);
      expect(perRecipient()).toEqual({
        'seoul@example.com': 1,
        'berlin@example.com': 1,
        'la@example.com': 1,
      });
    });

    it('a day missed while down: the older copy is superseded, never sent after the newer one', async () => {
      await setUp();
      expect((await send(['--now', '2026-11-22T22:00:30Z'])).code).toBe(0);
      // Down until after Seoul's 07:00 of the 24th: Berlin's and LA's copies of the 23rd were due,
      // but the 24th is the newest edition released for nobody yet but Seoul.
      const contentDir = path.join(fixture.dir, 'content');
      for (const name of readdirSync(contentDir)) {
        const file = path.join(contentDir, name);
        writeFileSync(
          path.join(contentDir, `next-${name}`),
          readFileSync(file, 'utf8')
            .replaceAll(DATE, '2026-11-24')
            .replace(/^id: "([^"]+)"/m, 'id: "$1_next"'),
        );
      }
      const late = await send(['--now', '2026-11-24T06:30:00Z']);
      expect(late.code, late.err).toBe(0);
      const rows = await test.database.db
        .selectFrom('deliveries')
        .select(['edition', 'email', 'status', 'response'])
        .orderBy('edition')
        .orderBy('email')
        .execute();
      const of = (edition: string, email: string) =>
        rows.find((r) => r.edition === edition && r.email === email);
      // Berlin's 23rd was superseded by the 24th (released at 06:00Z); LA's 23rd still goes out,
      // as the 24th is not released for LA until 15:00Z.
      expect(of('2026-11-23', 'berlin@example.com')).toMatchObject({ status: 'skipped' });
      expect(of('2026-11-23', 'berlin@example.com')?.response).toMatch(
        /^superseded by the edition of 2026-11-24/,
      );
      expect(of('2026-11-24', 'berlin@example.com')?.status).toBe('sent');
      expect(of('2026-11-23', 'la@example.com')?.status).toBe('sent');
      expect(of('2026-11-24', 'la@example.com')?.status).toBe('pending');
      expect(late.err).toMatch(/1 older copy not sent/);
      expect(perRecipient()).toEqual({
        'seoul@example.com': 2,
        'berlin@example.com': 1,
        'la@example.com': 1,
      });
    });

    it('on the day summer time starts, Berlin’s 07:00 is 05:00 UTC, not 06:00', async () => {
      await setUp('2026-03-29');
      await send(['--now', '2026-03-29T04:59:30Z']);
      expect(perRecipient()).toEqual({ 'seoul@example.com': 1 });
      await send(['--now', '2026-03-29T05:00:30Z']);
      expect(perRecipient()).toEqual({ 'seoul@example.com': 1, 'berlin@example.com': 1 });
    });

    it('send --dry-run shows the releases per hour and sends nothing', async () => {
      await setUp();
      const dry = await send(['--dry-run', '--now', '2026-11-22T21:00:00Z'], true);
      expect(dry.code, dry.err).toBe(0);
      expect(dry.out).toContain('daily: released per hour (deliverAt 07:00):');
      const lines = dry.out.split('\n').filter((line) => /^ {2}2026-/.test(line));
      expect(lines.map((line) => line.replace(/\s+/g, ' ').trim())).toEqual([
        '2026-11-22T22:00Z 1 copy 07:00 in Asia/Seoul',
        '2026-11-23T06:00Z 1 copy 07:00 in Europe/Berlin',
        '2026-11-23T15:00Z 1 copy 07:00 in America/Los_Angeles',
      ]);
      expect(sink.received).toHaveLength(0);
      const rows = await test.database.db.selectFrom('deliveries').selectAll().execute();
      expect(rows).toEqual([]);
    });
  });
});
