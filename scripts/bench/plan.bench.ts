// Planning at scale (issue 18): how long `planSend` takes to write one ledger row per recipient
// for 1,000,000 active subscribers, on SQLite and on PostgreSQL, and the peak RSS of the process
// that plans (a child of its own, so the seeding does not count). Subscribers are seeded set-based
// in SQL: 3 locales × 4 topic sets, a quarter of them with a time zone of their own, the list
// with deliverAt 07:00 (so every row also gets its not-before instant).
// Usage: npm run bench -- plan   (PLAN_BENCH_SUBSCRIBERS to resize; PLAN_BENCH_STORES=sqlite to skip one)
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { filterEdition } from '../../src/edition/filter-edition.ts';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import { createSegmentCache } from '../../src/send/create-segment-cache.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { planSend } from '../../src/send/plan-send.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { FIXTURE_DATE, makeEdition } from '../../tests/fixtures/render/make-items.ts';
import { testConfig } from '../../tests/fixtures/test-config.ts';
import { printTable } from './measure.ts';

const SELF = fileURLToPath(import.meta.url);
const SUBSCRIBERS = Number(process.env.PLAN_BENCH_SUBSCRIBERS ?? 1_000_000);
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STORES = (process.env.PLAN_BENCH_STORES ?? 'sqlite,postgres').split(',');

interface Measured {
  /** RSS once everything is loaded, before the first page: what planning itself adds is the rest. */
  loadedRssMb: number;
  seconds: number;
  /** CPU time of the planning process (user + system): SQLite's work included, PostgreSQL's server not. */
  cpuSeconds: number;
  added: number;
  peakRssMb: number;
  rowsPerSecond: number;
}

if (process.argv[2] === '--plan') await planChild(process.argv[3] ?? '', process.argv[4]);
else await main();

async function main(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const load = () =>
    os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  for (const store of STORES) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-plan-'));
    const schema = `gazette_bench_${process.pid}`;
    const url = store === 'sqlite' ? `sqlite:${path.join(dir, 'bench.db')}` : POSTGRES_URL;
    try {
      if (store === 'postgres') await adminQuery(`CREATE SCHEMA ${schema}`);
      const database = createDatabase<Tables>(url, store === 'postgres' ? { schema } : {});
      await migrate(database, gazetteMigrations);
      const seedStarted = performance.now();
      await seed(database.db, database.dialect, SUBSCRIBERS);
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      await database.close();
      const loadBefore = load();
      const first = await runChild(url, store === 'postgres' ? schema : undefined);
      // Planning again adds nothing (every row exists): the cost of an hourly run's idempotent plan.
      const again = await runChild(url, store === 'postgres' ? schema : undefined);
      rows.push({
        store,
        subscribers: SUBSCRIBERS.toLocaleString('en'),
        'seed s': seedSeconds.toFixed(1),
        'plan s (goal < 60)': first.seconds.toFixed(1),
        'rows/s': Math.round(first.rowsPerSecond).toLocaleString('en'),
        'CPU s': first.cpuSeconds.toFixed(1),
        added: first.added.toLocaleString('en'),
        'RSS loaded MB': first.loadedRssMb.toFixed(0),
        'peak RSS MB': first.peakRssMb.toFixed(0),
        're-plan s': again.seconds.toFixed(1),
        're-plan added': again.added,
        'load before': loadBefore,
        'load after': load(),
      });
    } finally {
      if (store === 'postgres') await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(
    `Planning ${SUBSCRIBERS.toLocaleString('en')} recipients (${os.cpus().length} cores, load average 1/5/15 min)`,
    rows,
  );
}

/** Subscribers in one set-based statement: no round trip per row, so seeding is not the bench. */
async function seed(db: ReturnType<typeof createDatabase<Tables>>['db'], dialect: string, n: number) {
  const at = new Date().toISOString();
  const columns = sql`uid, email, email_key, name, locale, categories, lists, status, ad_consent, time_zone, created_at, updated_at`;
  const values = (g: ReturnType<typeof sql.ref>) => sql`
    'uid-' || ${g}, 'reader' || ${g} || '@example.com', 'reader' || ${g} || '@example.com', 'Reader ' || ${g},
    CASE ${g} % 3 WHEN 0 THEN 'ko' WHEN 1 THEN 'en' ELSE 'bilingual' END,
    CASE ${g} % 4 WHEN 0 THEN '[]' WHEN 1 THEN '["tech"]' WHEN 2 THEN '["business","policy"]' ELSE '["science"]' END,
    '["daily"]', 'active', ${g} % 2,
    CASE ${g} % 8 WHEN 1 THEN 'Europe/Berlin' WHEN 2 THEN 'America/Los_Angeles' ELSE NULL END,
    ${at}, ${at}`;
  if (dialect === 'postgres') {
    await sql`INSERT INTO subscribers (${columns}) SELECT ${values(sql.ref('g'))} FROM generate_series(1, ${n}) AS g`.execute(
      db,
    );
    await sql`ANALYZE subscribers`.execute(db);
  } else {
    await sql`WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${n})
      INSERT INTO subscribers (${columns}) SELECT ${values(sql.ref('g'))} FROM s`.execute(db);
  }
}

function runChild(url: string, schema: string | undefined): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = fork(SELF, ['--plan', url, ...(schema ? [schema] : [])], {
      execArgv: [
        '--import',
        'tsx',
        '--max-old-space-size=64',
        '--max-semi-space-size=2',
        ...(process.env.PLAN_BENCH_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PLAN_BENCH_PROFILE}`]
          : []),
      ],
    });
    child.on('message', (message) => resolve(message as Measured));
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`planning child exited ${code}`))));
  });
}

/** The measured part: plan one list's edition of the day, as `gazette send` does, in a process of its own. */
async function planChild(url: string, schema: string | undefined): Promise<void> {
  const config = testConfig();
  const list = { ...config.lists[0]!, id: 'daily', categories: [], deliverAt: '07:00' };
  const database = createDatabase<Tables>(url, schema ? { schema } : {});
  const edition = makeEdition(12, config);
  const editionOptions = { timeZone: config.timeZone, categories: config.categories };
  const segments = createSegmentCache(
    createDigestRenderer(config),
    list,
    filterEdition(edition, list.categories, editionOptions),
    editionOptions,
  );
  const loadedRssMb = process.memoryUsage().rss / 1024 / 1024;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await planSend(
    { source: createKyselyStore(database.db), ledger: createLedger(database), segments },
    {
      list,
      edition: { date: FIXTURE_DATE },
      timeZone: config.timeZone,
      pageSize: process.env.PLAN_BENCH_PAGE_SIZE ? Number(process.env.PLAN_BENCH_PAGE_SIZE) : undefined,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await database.close();
  const measured: Measured = {
    loadedRssMb,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    added: result.added,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rowsPerSecond: result.recipients / seconds,
  };
  process.send?.(measured);
  process.exit(0);
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
