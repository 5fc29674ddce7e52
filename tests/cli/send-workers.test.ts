import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createSendReporter } from '../../src/cli/send-reporter.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { createSendFixture, DATE, SECRET, subscriber } from '../send/send-fixture.ts';
import type { SendFixture } from '../send/send-fixture.ts';
import { spawnGazette } from './cli-harness.ts';
import type { GazetteChild } from './cli-harness.ts';

const READERS = 90;

/**
 * A real SMTP server that takes every message whole but answers none until `open()`: the test
 * holds the send there until every worker has claimed a batch, so each gets a share.
 */
async function startGatedSink() {
  const recipients: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
      stream.on('data', () => {});
      stream.on('end', () => {
        void gate.then(() => {
          recipients.push(...to);
          callback();
        });
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    recipients,
    open: () => open(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Summary {
  sent: number;
  owner: string;
  workers: {
    listId: string;
    workers: number;
    messages: number;
    rate: number;
    shares: { worker: string; pid: number; messages: number; self: boolean }[];
  }[];
}

const summaryOf = (child: GazetteChild) =>
  child.records.find((record) => record.type === 'summary') as Summary | undefined;

describe.each(DIALECTS)('three `gazette send` processes on one $name database', (dialect) => {
  let test: TestDatabase | undefined;
  let fixture: SendFixture | undefined;
  let sink: Awaited<ReturnType<typeof startGatedSink>> | undefined;
  const children: GazetteChild[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    sink?.open();
    await sink?.close();
    await test?.cleanup();
    fixture?.cleanup();
  });

  it.skipIf(!dialect.available)(
    'share one edition: each reader once, the shares add up, the summary and report name each worker',
    async () => {
      test = await dialect.create();
      sink = await startGatedSink();
      fixture = createSendFixture({ databaseUrl: test.url, smtpUrl: sink.url }, { concurrency: 2, pool: 2 });
      const emails = Array.from({ length: READERS }, (_, i) => `reader${i}@example.com`);
      await createKyselyStore(test.database.db).importBatch(
        emails.map((email, i) => subscriber(email, i % 2 ? 'ko' : 'en', i % 3 ? ['tech'] : [])),
      );
      const databaseUrl =
        test.schema === undefined
          ? test.url
          : `${test.url}?options=${encodeURIComponent(`-c search_path=${test.schema}`)}`;
      const config = path.join(fixture.dir, 'gazette.config.json');
      const env = {
        DATABASE_URL: databaseUrl,
        SMTP_URL: sink.url,
        GAZETTE_SECRET: SECRET,
        GAZETTE_PUBLIC_URL: 'https://news.example',
        GAZETTE_WORKER_NAME: undefined,
      };
      const send = (extra: string[], workerName?: string) =>
        spawnGazette(['--config', config, 'send', '--date', DATE, ...extra], {
          cwd: fixture!.dir,
          env: { ...env, GAZETTE_WORKER_NAME: workerName },
        });
      // Three machines, as far as the ledger can tell: a name from the environment, one from the
      // flag, and the host name of a worker given neither.
      children.push(send([], 'mail-a'), send(['--worker-name', 'mail-b']), send([]));
      const names = ['mail-a', 'mail-b', hostname()];

      // Hold every answer until each worker has claimed rows (bounded: 90 s, then the test fails
      // with what each worker printed and where every row stands). Claims are counted as they are
      // seen, so a worker whose first send was answered early still counts.
      const claimants = new Set<string>();
      const rows = () =>
        test!.database.db
          .selectFrom('deliveries')
          .select(['status', 'claimed_by', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(['status', 'claimed_by'])
          .execute();
      const deadline = Date.now() + 90_000;
      for (;;) {
        for (const row of await rows()) if (row.claimed_by !== null) claimants.add(row.claimed_by);
        if (claimants.size >= 3) break;
        const done = children.findIndex((child) => child.ended !== undefined);
        const late = Date.now() > deadline;
        if (done !== -1 || late) {
          const why = late ? 'the three workers never all claimed rows' : `worker ${done} exited early`;
          const outputs = children.map(
            (child, i) =>
              `--- worker ${i} (${child.ended ?? 'running'}) ---\n${child.stdout}\n${child.stderr}`,
          );
          throw new Error(`${why}; rows: ${JSON.stringify(await rows())}\n${outputs.join('\n')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      sink.open();
      const exits = await Promise.all(children.map((child) => child.exited(60_000)));
      // The first to finish may still see rows another holds (exit 2); all of them were sent.
      for (const [i, exit] of exits.entries()) expect([0, 2], children[i]!.stderr).toContain(exit.code);
      expect(exits.map((exit) => exit.code)).toContain(0);

      // Each reader exactly once.
      expect([...sink.recipients].sort()).toEqual([...emails].sort());

      // Each summary line: this worker's share, and every worker's so far; they add up.
      const summaries = children.map((child) => summaryOf(child)!);
      expect(summaries.every((summary) => summary.sent > 0)).toBe(true);
      expect(summaries.reduce((sum, summary) => sum + summary.sent, 0)).toBe(READERS);
      for (const [i, summary] of summaries.entries()) {
        expect(summary.owner.startsWith(`${names[i]}:`)).toBe(true);
        const mine = summary.workers[0]?.shares.find((share) => share.self);
        expect(mine).toMatchObject({ worker: names[i], messages: summary.sent });
      }
      const last = summaries.find((summary) => summary.workers[0]?.messages === READERS);
      expect(last?.workers[0]).toMatchObject({ listId: 'daily', workers: 3, messages: READERS });
      expect(last?.workers[0]?.rate).toBeGreaterThan(0);
      expect(last?.workers[0]?.shares.map((share) => share.worker).sort()).toEqual([...names].sort());

      // `gazette report`: one row per worker, the same shares, and all of them together.
      const report = async (...args: string[]) => {
        let out = '';
        const saved = { ...process.env };
        Object.assign(process.env, { DATABASE_URL: databaseUrl, GAZETTE_SECRET: SECRET });
        try {
          const code = await main(
            ['node', 'gazette', '--config', config, 'report', '--date', DATE, ...args],
            {
              out: (text) => void (out += text),
              err: (text) => void (out += text),
              isTTY: false,
            },
          );
          return { code, out };
        } finally {
          process.env = saved;
        }
      };
      const json = await report('--json');
      expect(json.code, json.out).toBe(0);
      const [row] = JSON.parse(json.out) as {
        sent: number;
        workers: { worker: string; messages: number; firstSentAt: number; lastSentAt: number }[];
      }[];
      expect(row?.sent).toBe(READERS);
      expect(row?.workers.map((w) => w.worker).sort()).toEqual([...names].sort());
      for (const [i, name] of names.entries()) {
        expect(row?.workers.find((w) => w.worker === name)?.messages).toBe(summaries[i]?.sent);
      }
      for (const w of row?.workers ?? []) expect(w.lastSentAt).toBeGreaterThanOrEqual(w.firstSentAt);
      const table = await report();
      expect(table.code, table.out).toBe(0);
      expect(table.out).toMatch(new RegExp(`sent by, ${DATE} daily:`));
      for (const name of names)
        expect(table.out).toMatch(new RegExp(`^  ${name.replace(/\./g, '\\.')}\\s+\\d+`, 'm'));
      expect(table.out).toMatch(/^ {2}all \(3 workers\)\s+90\s+100\.0 %/m);
    },
    150_000,
  );
});

describe('gazette send --worker-name', () => {
  it('refuses a name that is not one plain word, before anything is sent', async () => {
    let err = '';
    const code = await main(['node', 'gazette', 'send', '--worker-name', 'mail a', '--dry-run'], {
      out: () => {},
      err: (text) => void (err += text),
      isTTY: false,
    });
    expect(code).not.toBe(0);
    expect(err).toMatch(/--worker-name.*letters, digits/);
  });
});

describe('the send summary on a terminal, several workers', () => {
  const share = (worker: string, pid: number, messages: number, first: number, last: number) => ({
    edition: DATE,
    listId: 'daily',
    worker,
    pid,
    runId: 'r',
    owner: `${worker}:${pid}:r`,
    messages,
    firstSentAt: first,
    lastSentAt: last,
    rate: Math.round(((messages - 1) / ((last - first) / 1000)) * 10) / 10,
  });

  it("names this worker's share and all workers' rate; one worker alone gets no such line", () => {
    const summary = (owner: string, sent: number) => ({
      date: DATE,
      hasEdition: true,
      advertising: false,
      lists: [],
      notPlanned: [],
      sent,
      failed: 0,
      skipped: 0,
      lost: 0,
      deferred: 0,
      pending: 0,
      claimed: 0,
      held: 0,
      superseded: 0,
      makesAt: [],
      elapsedMs: 10_000,
      rate: sent / 10,
      dryRun: false,
      owner,
    });
    const t0 = Date.parse('2026-11-23T07:00:00Z');
    const shares = [
      share('mail-a', 11, 601, t0, t0 + 10_000),
      share('mail-b', 12, 400, t0 + 1000, t0 + 9000),
    ];
    let out = '';
    const reporter = createSendReporter(
      { out: (t) => void (out += t), err: () => {}, isTTY: true },
      { json: false },
    );
    reporter.summary(summary('mail-b:12:r', 400), shares);
    expect(out).toMatch(/CPU \d+\.\d s\)\n/);
    // 1,001 messages, 1,000 intervals in 10 s: 100 msg/s together.
    expect(out).toContain(
      'daily: this worker (mail-b) sent 400 messages of 1,001 (40.0 %, 49.9 msg/s); 2 worker runs so far: 100 msg/s',
    );
    let alone = '';
    createSendReporter(
      { out: (t) => void (alone += t), err: () => {}, isTTY: true },
      { json: false },
    ).summary(summary('mail-a:11:r', 601), shares.slice(0, 1));
    expect(alone).not.toMatch(/this worker/);
  });
});
