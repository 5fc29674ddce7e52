// A send to 1,000,000 (issue 18): the peak RSS of `gazette send` (the build, as cron runs it with
// docs/sending.md's heap caps) planning and sending to a SQLite list of 1,000,000 readers of mixed
// locales and topics (96 segments, as a real list would have), to a sink in its own process that
// accepts everything and keeps nothing. Sending all of them takes the better part of an hour, so
// the send is stopped (SIGTERM, as an operator would) after MILLION_BENCH_SECONDS of sending and
// the rest extrapolated from its rate; the RSS is sampled every half second from /proc, so the
// table shows whether it still grows late in the window (it must not: claims, leases and
// templates are bounded, whatever the list's size).
// Usage: npm run bench -- million   (MILLION_BENCH_SUBSCRIBERS, MILLION_BENCH_SECONDS to resize)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { loadItems } from '../../src/content/load-items.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildEditions } from '../../src/edition/build-editions.ts';
import { startDiscardingSink } from './discarding-sink.ts';
import { printTable } from './measure.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUBSCRIBERS = Number(process.env.MILLION_BENCH_SUBSCRIBERS ?? 1_000_000);
const SEND_SECONDS = Number(process.env.MILLION_BENCH_SECONDS ?? 600);
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
// docs/sending.md's cron line: the heap caps a send runs with.
const SEND_HEAP_FLAGS = ['--max-old-space-size=64', '--max-semi-space-size=2'];
const CATEGORIES = ['tech', 'business', 'policy', 'commerce', 'science'];

await main();

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-million-'));
  const url = `sqlite:${path.join(dir, 'bench.db')}`;
  const sink = await startDiscardingSink();
  try {
    const database = createDatabase<Tables>(url);
    await migrate(database, gazetteMigrations);
    const seeded = performance.now();
    await seed(database.db, SUBSCRIBERS);
    await database.close();
    console.log(
      `seeded ${SUBSCRIBERS.toLocaleString('en')} readers in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );
    const run = await timedSend(url, sink.url);
    const rate = run.sent / run.sendSeconds;
    printTable(
      `gazette send to ${SUBSCRIBERS.toLocaleString('en')} (SQLite, 96 segments, heap caps ${SEND_HEAP_FLAGS.join(' ')}, ` +
        `stopped after ${SEND_SECONDS} s of sending; ${os.cpus().length} cores)`,
      [
        {
          'plan + render s': run.planSeconds.toFixed(1),
          'sent in window': run.sent.toLocaleString('en'),
          'msg/s': rate.toFixed(0),
          'all sent in (extrapolated) min': ((run.planSeconds + SUBSCRIBERS / rate) / 60).toFixed(0),
          'peak RSS planning MB': run.planPeakMb,
          'peak RSS, first half of sending MB': run.firstHalfPeakMb,
          'peak RSS, second half MB': run.secondHalfPeakMb,
          'peak RSS (maxRSS, summary line) MB (goal ≤ 150)': run.summaryPeakMb,
          'load before / after': `${run.loadBefore} / ${load()}`,
        },
      ],
    );
  } finally {
    sink.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface TimedSend {
  planSeconds: number;
  sendSeconds: number;
  sent: number;
  planPeakMb: number;
  firstHalfPeakMb: number;
  secondHalfPeakMb: number;
  summaryPeakMb: number;
  loadBefore: string;
}

/** `gazette send` in a child, its RSS sampled; SIGTERM once it has sent for SEND_SECONDS. */
async function timedSend(url: string, smtpUrl: string): Promise<TimedSend> {
  const loadBefore = load();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...SEND_HEAP_FLAGS, 'bin/gazette.js', 'send', '--date', await newestSampleDate()],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: url,
        SMTP_URL: smtpUrl,
        GAZETTE_SECRET: SECRET,
        GAZETTE_PUBLIC_URL: 'https://news.example',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  let sendingSince: number | undefined;
  const samples: { at: number; rssMb: number }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    // The plan line: planning and rendering are done, messages are going out.
    if (sendingSince === undefined && out.includes('"type":"plan"')) sendingSince = performance.now();
  });
  const sampler = setInterval(() => {
    const rss = /VmRSS:\s+(\d+) kB/.exec(safeRead(`/proc/${child.pid}/status`))?.[1];
    if (rss !== undefined) samples.push({ at: performance.now(), rssMb: Number(rss) / 1024 });
    if (sendingSince !== undefined && performance.now() - sendingSince > SEND_SECONDS * 1000)
      child.kill('SIGTERM');
  }, 500);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  const summary = out
    .split('\n')
    .filter((line) => line.includes('"type":"summary"'))
    .map((line) => JSON.parse(line) as { sent: number; peakRssMb: number })[0];
  if (summary === undefined || sendingSince === undefined)
    throw new Error(`gazette send exited ${String(code)} without a summary: ${out.slice(-800)}`);
  const ended = performance.now();
  const since = sendingSince;
  const half = since + (ended - since) / 2;
  const peak = (from: number, to: number) =>
    Math.round(Math.max(0, ...samples.filter((s) => s.at >= from && s.at < to).map((s) => s.rssMb)));
  return {
    planSeconds: (since - started) / 1000,
    sendSeconds: (ended - since) / 1000,
    sent: summary.sent,
    planPeakMb: peak(started, since),
    firstHalfPeakMb: peak(since, half),
    secondHalfPeakMb: peak(half, ended + 1),
    summaryPeakMb: summary.peakRssMb,
    loadBefore,
  };
}

/**
 * Readers in one set-based statement (no round trip per row, so seeding is not the bench): the
 * three locales, and topic sets from all five categories down to none (every combination).
 */
async function seed(db: ReturnType<typeof createDatabase<Tables>>['db'], n: number) {
  const at = new Date().toISOString();
  const topicSets = Array.from({ length: 32 }, (_, mask) =>
    JSON.stringify(CATEGORIES.filter((_, bit) => (mask >> bit) & 1)),
  );
  const g = sql.ref('g');
  const topics = sql.join(
    topicSets.map((set, mask) => sql`WHEN ${sql.lit(mask)} THEN ${sql.lit(set)}`),
    sql` `,
  );
  await sql`WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${n})
    INSERT INTO subscribers (uid, email, email_key, name, locale, categories, lists, status, ad_consent, created_at, updated_at)
    SELECT 'uid-' || ${g}, 'reader' || ${g} || '@example.com', 'reader' || ${g} || '@example.com', 'Reader ' || ${g},
      CASE ${g} % 3 WHEN 0 THEN 'ko' WHEN 1 THEN 'en' ELSE 'bilingual' END,
      CASE (${g} / 3) % 32 ${topics} END,
      '["daily"]', 'active', ${g} % 2, ${at}, ${at}
    FROM s`.execute(db);
}

async function newestSampleDate(): Promise<string> {
  const { items } = await loadItems(path.join(ROOT, 'content'));
  return buildEditions(items, { timeZone: 'Asia/Seoul', categories: [] })[0]?.date ?? '';
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function load(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
}
