// Workers: 1, 2 and 4 `gazette send` processes (the real command, bin/gazette.js, as cron runs it)
// sharing one edition on one PostgreSQL database, a fresh schema per run.
//  1. A relay that answers each message after RELAY_MS (smtp-server in its own process): the rate
//     from the first to the last accepted message, against one worker's (goal: 2 workers ≥ 1.9×,
//     4 workers ≥ 3.6×); start-up (spawn to the first accepted message) is reported apart.
//  2. A sink that answers at once and keeps nothing: the machine's cores are the ceiling, so the
//     figure is each worker's CPU-seconds per 1,000 messages, start-up left out (goal: from 1 to 4
//     workers it grows by no more than 10 %, i.e. no claim contention).
//  3. What one claim costs in a ledger of 100,000 rows as more of them are sent (SQLite and
//     PostgreSQL, in this process): it must not grow with the rows sent.
// Usage: npm run bench -- workers   (WORKERS_BENCH_MESSAGES to resize, WORKERS_BENCH_COUNTS=1,2,4,
// WORKERS_BENCH_PARTS=relay,relay-small,relay-capped,sink,claims (relay-small: the send tests'
// three-item edition; relay-capped: the sample edition, 2 connections and 4 in flight per worker; sink-paced:
// each worker held to 100 msg/s), WORKERS_BENCH_ROUNDS=1; BENCH_POSTGRES_URL or TEST_POSTGRES_URL names the server)
import { execFileSync, fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import { importConfigModule } from '../../src/config/import-config-module.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { loadItems } from '../../src/content/load-items.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildEditions } from '../../src/edition/build-editions.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import type { SubscribeInput } from '../../src/subscribers/subscriber.ts';
import { createSendFixture, DATE } from '../../tests/send/send-fixture.ts';
import { printTable } from './measure.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ??
  process.env.TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const MESSAGES = Number(process.env.WORKERS_BENCH_MESSAGES ?? 10_000);
const COUNTS = (process.env.WORKERS_BENCH_COUNTS ?? '1,2,4').split(',').map(Number);
const PARTS = (
  process.env.WORKERS_BENCH_PARTS ?? 'relay,relay-small,relay-capped,sink,sink-paced,claims'
).split(',');
const ROUNDS = Number(process.env.WORKERS_BENCH_ROUNDS ?? 1);
const RELAY_MS = 50;
const CLAIM_ROWS = Number(process.env.WORKERS_BENCH_CLAIM_ROWS ?? 100_000);
/** What `gazette send` claims at a time with the default `send.concurrency` (10): 4 × 10. */
const CLAIM_BATCH = 40;
const RELAY_PRIORITY = -10;
// docs/sending.md's cron line: the heap caps every worker runs with.
const SEND_HEAP_FLAGS = ['--max-old-space-size=64', '--max-semi-space-size=2'];
/** Linux counts a process's CPU time in /proc/PID/stat in ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** The edition the workers send: its date, and the config flag when not the sample's. */
interface Edition {
  date: string;
  args: string[];
}

interface RelayStats {
  accepted: number;
  distinct: number;
  first: number;
  last: number;
  /** The relay's own CPU seconds since the reset. */
  cpuSeconds: number;
}

if (process.argv[2] === '--relay') await relayChild(Number(process.argv[3]));
else await main();

async function main(): Promise<void> {
  if (!(await postgresReachable())) {
    console.log(`workers bench skipped: PostgreSQL is unreachable at ${POSTGRES_URL}`);
    return;
  }
  // Build the CLI once (bin/gazette.js rebuilds after a source edit), not in N children at once.
  execFileSync(process.execPath, ['bin/gazette.js', '--help'], { cwd: ROOT, stdio: 'ignore' });
  const { items } = await loadItems(path.join(ROOT, 'content'));
  const date = buildEditions(items, { timeZone: 'Asia/Seoul', categories: [] })[0]?.date ?? '';
  console.log(`load before: ${uptime()}`);
  const sample: Edition = { date, args: [] };
  if (PARTS.includes('relay')) await relayPart(sample, 'the sample edition');
  if (PARTS.includes('relay-small')) {
    // The send tests' three-item edition: a sender that needs less CPU per message, so that the
    // cores of a shared machine are less likely to be what four workers wait for.
    const fixture = createSendFixture({ databaseUrl: 'sqlite::memory:' });
    try {
      await relayPart(
        { date: DATE, args: ['--config', path.join(fixture.dir, 'gazette.config.json')] },
        'a three-item edition',
      );
    } finally {
      fixture.cleanup();
    }
  }
  if (PARTS.includes('relay-capped')) {
    // The sample edition, each worker with 2 connections and 4 messages in flight (a relay that
    // takes few connections per client, as many providers do): one worker is bound by the relay,
    // and four need about half of this machine's two cores, so the cores are not the ceiling.
    await withSendSettings({ pool: 2, concurrency: 4 }, (args) =>
      relayPart({ date, args }, 'the sample edition, 2 connections and 4 in flight per worker'),
    );
  }
  if (PARTS.includes('sink')) await sinkPart(sample, 'the sample edition, each worker as fast as it can');
  if (PARTS.includes('sink-paced')) {
    // Each worker held to 100 msg/s (send.ratePerSecond): four of them need about 0.6 of this
    // machine's two cores, one 0.15, so neither waits for a core and the CPU a message costs is
    // compared between equals; what could still grow with the workers is the ledger's share.
    await withSendSettings({ ratePerSecond: 100 }, (args) =>
      sinkPart({ date, args }, 'the sample edition, each worker at 100 msg/s'),
    );
  }
  if (PARTS.includes('claims'))
    printTable(`Claims of ${CLAIM_BATCH} rows in a ledger of ${CLAIM_ROWS} (ms)`, await claimCosts());
  console.log(`load after: ${uptime()}`);
}

/**
 * What one claim costs as a send goes on: CLAIM_ROWS planned, statistics gathered then (as they
 * are early in a real send: every row pending), then a share of them sent; a new run's first
 * claim (from the start of the list) and the median of its next 20 (above its last claim).
 */
async function claimCosts(): Promise<Record<string, string | number>[]> {
  const rows: Record<string, string | number>[] = [];
  const scope = { edition: '2026-11-23', listId: 'daily' };
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const schema = `gazette_bench_${randomBytes(5).toString('hex')}`;
    const dir = dialect === 'sqlite' ? mkdtempSync(path.join(tmpdir(), 'gazette-bench-claims-')) : '';
    if (dialect === 'postgres') await admin(`CREATE SCHEMA ${schema}`);
    const database =
      dialect === 'sqlite'
        ? createDatabase<Tables>(`sqlite:${path.join(dir, 'claims.db')}`)
        : createDatabase<Tables>(POSTGRES_URL, { schema });
    try {
      await migrate(database, gazetteMigrations);
      const ledger = createLedger(database);
      for (let start = 0; start < CLAIM_ROWS; start += 1000) {
        await ledger.plan(
          Array.from({ length: Math.min(1000, CLAIM_ROWS - start) }, (_, i) => ({
            edition: scope.edition,
            list_id: scope.listId,
            subscriber_id: String(start + i + 1),
            subscriber_ref: `ref${start + i + 1}`,
            email: `reader${start + i + 1}@example.com`,
            name: null,
            locale: 'en',
            segment: 'en:',
          })),
        );
      }
      await sql`ANALYZE`.execute(database.db);
      let sent = 0;
      for (const share of [0, 0.5, 0.9]) {
        const upTo = Math.floor(CLAIM_ROWS * share);
        if (upTo > sent) {
          await database.db
            .updateTable('deliveries')
            .set({ status: 'sent', sent_at: Date.now() })
            .where('id', '<=', upTo)
            .where('id', '>', sent)
            .execute();
          sent = upTo;
        }
        const owner = `bench:${share}`;
        const timed = async () => {
          const started = performance.now();
          await ledger.claim(scope, {
            owner,
            runId: owner,
            limit: CLAIM_BATCH,
            leaseMs: 600_000,
            maxAttempts: 4,
          });
          return performance.now() - started;
        };
        const first = await timed();
        const next: number[] = [];
        for (let i = 0; i < 20; i++) next.push(await timed());
        rows.push({
          store: dialect,
          'sent before': `${share * 100} %`,
          'first claim of a run': first.toFixed(2),
          'next 20, median': median(next).toFixed(2),
        });
      }
    } finally {
      await database.close();
      if (dialect === 'postgres') await admin(`DROP SCHEMA ${schema} CASCADE`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** Against a sink that answers at once: each worker's CPU per 1,000 messages, 1 to N workers. */
async function sinkPart(edition: Edition, what: string): Promise<void> {
  const sink = await startRelay(0);
  try {
    const rows: Record<string, string | number>[] = [];
    const growths = new Map<number, number[]>();
    const steadyGrowths = new Map<number, number[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      let one = 0;
      let oneSteady = 0;
      for (const workers of COUNTS) {
        const load = loadavg()[0] ?? 0;
        const run = await sendWith(sink, workers, edition);
        const perThousand = run.cpu.reduce((sum, w) => sum + w.perThousand, 0) / run.cpu.length;
        const steady = run.cpu.reduce((sum, w) => sum + w.steady, 0) / run.cpu.length;
        one ||= perThousand;
        oneSteady ||= steady;
        growths.set(workers, [...(growths.get(workers) ?? []), (perThousand - one) / one]);
        steadyGrowths.set(workers, [...(steadyGrowths.get(workers) ?? []), (steady - oneSteady) / oneSteady]);
        rows.push({
          round,
          workers,
          'load (1 min)': load.toFixed(1),
          'msg/s': run.rate.toFixed(1),
          'start-up CPU s (each)': run.cpu.map((w) => w.startup.toFixed(2)).join(' / '),
          'CPU s per 1,000 (each)': run.cpu.map((w) => w.perThousand.toFixed(2)).join(' / '),
          'mean CPU s per 1,000': perThousand.toFixed(2),
          growth: `${(((perThousand - one) / one) * 100).toFixed(1)} %`,
          'steady CPU s per 1,000 (each)': run.cpu.map((w) => w.steady.toFixed(2)).join(' / '),
          'steady growth (goal ≤ 10 %)': `${(((steady - oneSteady) / oneSteady) * 100).toFixed(1)} %`,
          'sink CPU s/1,000': run.relayCpuPerThousand.toFixed(2),
        });
      }
    }
    printTable(
      `Workers against a sink that answers at once, ${MESSAGES} messages of ${what}: CPU per 1,000 messages per worker`,
      rows,
    );
    const pct = (values: Map<number, number[]>) =>
      [...values].map(([workers, g]) => `${workers}: ${(median(g) * 100).toFixed(1)} %`).join(', ');
    console.log(`  median growth, whole send: ${pct(growths)}; steady state: ${pct(steadyGrowths)}`);
  } finally {
    sink.child.kill();
  }
}

/** The sample config with other `send` settings, in a temp folder, for the workers' `--config`. */
async function withSendSettings(
  settings: Record<string, number>,
  run: (args: string[]) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-settings-'));
  try {
    // The sample config as gazette reads it (a module whose default export is the config).
    const sampleConfig = (await importConfigModule(path.join(ROOT, 'gazette.config.ts'))) as {
      send?: Record<string, unknown>;
    };
    const file = path.join(dir, 'gazette.config.json');
    const send = { ...sampleConfig.send, ...settings };
    writeFileSync(file, JSON.stringify({ ...sampleConfig, contentDir: path.join(ROOT, 'content'), send }));
    await run(['--config', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One send of MESSAGES readers by `workers` processes in a fresh schema; the relay's view of it. */
async function sendWith(relay: { child: ChildProcess; url: string }, workers: number, edition: Edition) {
  const schema = `gazette_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE SCHEMA ${schema}`);
  try {
    await seed(schema);
    await ask(relay.child, 'reset');
    const url = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const started = Date.now();
    const runs = await Promise.all(
      Array.from({ length: workers }, (_, i) => worker(url, relay.url, edition, i + 1)),
    );
    const stats = (await ask(relay.child, 'stats')) as RelayStats;
    for (const run of runs) {
      // 2: it finished while another worker still held rows of the edition (docs/sending.md).
      if ((run.code !== 0 && run.code !== 2) || run.summary === undefined)
        throw new Error(`worker exited ${String(run.code)}:\n${run.stderr}`);
    }
    if (stats.accepted !== MESSAGES || stats.distinct !== MESSAGES) {
      throw new Error(
        `the relay accepted ${stats.accepted} messages for ${stats.distinct} of ${MESSAGES} readers`,
      );
    }
    const spanS = (stats.last - stats.first) / 1000;
    // The last summary line to be written saw every worker's share.
    const last = runs.map((run) => run.summary!).sort((a, b) => a.at - b.at)[runs.length - 1]!;
    const all = last.workers[0]?.shares ?? [];
    const shares = all.map((s) => `${s.worker} ${s.messages} (${s.rate}/s)`);
    const firsts = all.map((s) => Date.parse(s.firstSentAt));
    const sendCpu = runs.reduce((sum, run) => sum + run.summary!.cpuSeconds - run.startupCpu, 0);
    return {
      // From the first worker's first message to the last one's first: the start-up stagger.
      staggerS: (Math.max(...firsts) - Math.min(...firsts)) / 1000,
      workerCpuPerThousand: (sendCpu / stats.accepted) * 1000,
      relayCpuPerThousand: (stats.cpuSeconds / stats.accepted) * 1000,
      accepted: stats.accepted,
      startupS: (stats.first - started) / 1000,
      spanS,
      rate: (stats.accepted - 1) / spanS,
      shares,
      cpu: runs.map((run) => ({
        startup: run.startupCpu,
        steady: steadyPerThousand(run.samples),
        perThousand: ((run.summary!.cpuSeconds - run.startupCpu) / Math.max(1, run.summary!.sent)) * 1000,
      })),
    };
  } finally {
    await admin(`DROP SCHEMA ${schema} CASCADE`);
  }
}

interface Summary {
  at: number;
  sent: number;
  cpuSeconds: number;
  workers: {
    shares: { worker: string; messages: number; rate: number; firstSentAt: string; lastSentAt: string }[];
  }[];
}

/** `gazette send` as cron runs it; its CPU when it has planned and rendered (the plan line) is start-up. */
function worker(databaseUrl: string, smtpUrl: string, edition: Edition, n: number) {
  const args = [...SEND_HEAP_FLAGS, 'bin/gazette.js', ...edition.args, 'send', '--date', edition.date];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      GAZETTE_SECRET: SECRET,
      GAZETTE_PUBLIC_URL: 'https://news.example',
      GAZETTE_WORKER_NAME: `worker-${n}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let pending = '';
  let stderr = '';
  let startupCpu = 0;
  let summary: Summary | undefined;
  // CPU and messages done at each progress line (every 5 s): the steady state, JIT warm-up past.
  const samples: { cpu: number; done: number }[] = [];
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes('"type":"plan"')) startupCpu = cpuSecondsOf(child.pid);
      if (line.includes('"type":"progress"'))
        samples.push({ cpu: cpuSecondsOf(child.pid), done: (JSON.parse(line) as { done: number }).done });
      if (line.includes('"type":"summary"')) summary = { ...(JSON.parse(line) as Summary), at: Date.now() };
    }
  });
  return new Promise<{
    code: number | null;
    stderr: string;
    startupCpu: number;
    samples: { cpu: number; done: number }[];
    summary?: Summary;
  }>((resolve) => child.on('exit', (code) => resolve({ code, stderr, startupCpu, samples, summary })));
}

/** A process's user + system CPU so far, from /proc (0 where there is none). */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** MESSAGES bilingual readers of the daily list, all in one segment. */
async function seed(schema: string): Promise<void> {
  const database = createDatabase<Tables>(POSTGRES_URL, { schema });
  try {
    await migrate(database, gazetteMigrations);
    const store = createKyselyStore(database.db);
    for (let start = 0; start < MESSAGES; start += 1000) {
      const batch: SubscribeInput[] = [];
      for (let i = start; i < Math.min(MESSAGES, start + 1000); i++) {
        batch.push({
          email: `reader${i}@example.com`,
          name: `Reader ${i}`,
          locale: 'bilingual',
          categories: [],
          lists: ['daily'],
          consent: { source: 'import', version: 'bench' },
          confirmed: true,
        });
      }
      await store.importBatch(batch);
    }
  } finally {
    await database.close();
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function postgresReachable(): Promise<boolean> {
  try {
    await admin('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** CPU seconds per 1,000 messages between the first and the last progress line (NaN: too short). */
function steadyPerThousand(samples: { cpu: number; done: number }[]): number {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined || last.done - first.done < 200) return Number.NaN;
  return ((last.cpu - first.cpu) / (last.done - first.done)) * 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function startRelay(delayMs: number): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(SELF, ['--relay', String(delayMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // The relay stands for a server on other hardware: on a shared machine it runs ahead of the
  // workers (where the bench may raise priorities), so that the workers are what is measured.
  try {
    setPriority(child.pid ?? 0, RELAY_PRIORITY);
  } catch {
    console.log('(the relay runs at normal priority: raising it is not allowed here)');
  }
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  return { child, url: `smtp://127.0.0.1:${port}` };
}

/** One request to the relay child and its answer. */
function ask(child: ChildProcess, request: 'reset' | 'stats'): Promise<unknown> {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(request);
  });
}

/**
 * The relay: takes each message whole, keeps nothing, and answers 250 after `delayMs` (a relay
 * that hands each message on before it answers). It counts what it accepted, for whom and when.
 */
async function relayChild(delayMs: number): Promise<void> {
  const fresh = (): RelayStats => ({ accepted: 0, distinct: 0, first: 0, last: 0, cpuSeconds: 0 });
  let stats = fresh();
  let cpuAtReset = process.cpuUsage();
  let readers = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      // Read now: the session's envelope is reset once the message is answered.
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
      stream.on('end', () => {
        const accept = () => {
          callback();
          const now = Date.now();
          stats.accepted++;
          stats.first ||= now;
          stats.last = now;
          for (const address of to) readers.add(address);
          stats.distinct = readers.size;
        };
        if (delayMs > 0) setTimeout(accept, delayMs);
        else accept();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
  process.on('message', (request) => {
    if (request === 'reset') {
      stats = fresh();
      readers = new Set();
      cpuAtReset = process.cpuUsage();
      process.send?.('ok');
    } else if (request === 'stats') {
      const cpu = process.cpuUsage(cpuAtReset);
      process.send?.({ ...stats, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
    }
  });
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

/** The relay part: 1, 2, 4 workers against the 50 ms relay, ROUNDS times. */
async function relayPart(edition: Edition, what: string): Promise<void> {
  const relay = await startRelay(RELAY_MS);
  try {
    const rows: Record<string, string | number>[] = [];
    const shareLines: string[] = [];
    const ratios = new Map<number, number[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      // Each round compares with its own one-worker run: the load of a shared machine drifts.
      let one = 0;
      for (const workers of COUNTS) {
        const load = loadavg()[0] ?? 0;
        const run = await sendWith(relay, workers, edition);
        shareLines.push(`round ${round}, ${workers}: ${run.shares.join(' / ')}`);
        one ||= run.rate;
        ratios.set(workers, [...(ratios.get(workers) ?? []), run.rate / one]);
        rows.push({
          round,
          workers,
          'load (1 min)': load.toFixed(1),
          'start-up s': run.startupS.toFixed(1),
          'stagger s': run.staggerS.toFixed(1),
          'first→last s': run.spanS.toFixed(1),
          'msg/s': run.rate.toFixed(1),
          '× one worker': (run.rate / one).toFixed(2),
          'worker CPU s/1,000': run.workerCpuPerThousand.toFixed(2),
          'relay CPU s/1,000': run.relayCpuPerThousand.toFixed(2),
        });
      }
    }
    printTable(
      `Workers against a relay answering each message after ${RELAY_MS} ms, ${MESSAGES} messages of ${what} (goal: 2 ≥ 1.9×, 4 ≥ 3.6×)`,
      rows,
    );
    for (const line of shareLines) console.log(`  ${line}`);
    console.log(
      `  median × one worker: ${[...ratios].map(([workers, r]) => `${workers}: ${median(r).toFixed(2)}`).join(', ')}`,
    );
  } finally {
    relay.child.kill();
  }
}
