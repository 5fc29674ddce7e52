// Send: msg/s of `runSend` (ledger, claims, personalize, compose, pooled SMTP) against a bare
// nodemailer pool sending the same pre-rendered messages, in the same run, to the same sink;
// then the peak RSS of the real command, `gazette send` (bin/gazette.js, as cron runs it), to
// 100,000 subscribers of mixed locales and topics, and to 10,000 run from source (tsx) and from
// the build.
// Usage: npm run bench -- send   (SEND_BENCH_MESSAGES, SEND_BENCH_RSS_SUBSCRIBERS to resize;
// SEND_BENCH_RSS_SUBSCRIBERS=0 skips the memory part)
import { fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { loadItems } from '../../src/content/load-items.ts';
import { buildEditions } from '../../src/edition/build-editions.ts';
import { editionItems } from '../../src/edition/edition.ts';
import { createEditionResolver } from '../../src/editions/create-edition-resolver.ts';
import { createEditionStore } from '../../src/editions/edition-store.ts';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import { toNodemailerMessage } from '../../src/mail/to-nodemailer-message.ts';
import { composeMail } from '../../src/send/compose-mail.ts';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { runSend } from '../../src/send/run-send.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import type { SubscribeInput } from '../../src/subscribers/subscriber.ts';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { FIXTURE_DATE, makeEdition } from '../../tests/fixtures/render/make-items.ts';
import { testConfig } from '../../tests/fixtures/test-config.ts';
import { printTable } from './measure.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const MESSAGES = Number(process.env.SEND_BENCH_MESSAGES ?? 3000);
const RSS_SUBSCRIBERS = Number(process.env.SEND_BENCH_RSS_SUBSCRIBERS ?? 100_000);
const CONCURRENCY = 10;
// The heap caps docs/sending.md puts on the send command: V8 otherwise lets dead message strings
// fill the old space long before it collects them, and grows a young generation of 16 MB semi-spaces
// (measured at 5,000: peak RSS 287–327 MB with defaults, 171–174 MB capped, no slower; from the
// build at 6,000: 96/4 peaks at 146–148 MB, 64/2 at 135–137 MB, no slower within the noise).
const SEND_HEAP_FLAGS = ['--max-old-space-size=64', '--max-semi-space-size=2'];
const POOL = 5;
/** The sample config's categories: a mixed list picks its readers' topics from these. */
const SAMPLE_CATEGORIES = ['tech', 'business', 'policy', 'commerce', 'science'];
const LOCALES = ['ko', 'en', 'bilingual'] as const;

const mode = process.argv[2];
if (mode === '--sink') await sinkChild();
else await main();

async function main(): Promise<void> {
  const sink = await startSinkProcess();
  try {
    const rows = [];
    const { ours, bare, htmlKb } = await throughput(sink.url, MESSAGES);
    rows.push({
      messages: MESSAGES,
      'HTML KB': htmlKb,
      'bare pool msg/s': bare.toFixed(0),
      'runSend msg/s': ours.toFixed(0),
      'ratio (goal ≥ 0.8)': (ours / bare).toFixed(2),
    });
    printTable(`Send throughput (pool ${POOL}, ${CONCURRENCY} in flight, base64, SQLite ledger)`, rows);
    if (RSS_SUBSCRIBERS <= 0) return;
    const small = Math.min(RSS_SUBSCRIBERS, 10_000);
    const capped = SEND_HEAP_FLAGS.join(' ');
    const rss = [
      await peakRss(sink.url, RSS_SUBSCRIBERS, { flags: SEND_HEAP_FLAGS, label: `build, ${capped}` }),
      await peakRss(sink.url, small, {
        flags: SEND_HEAP_FLAGS,
        label: `source (tsx), ${capped}`,
        fromSource: true,
      }),
      await peakRss(sink.url, small, { flags: SEND_HEAP_FLAGS, label: `build, ${capped}` }),
      await peakRss(sink.url, small, { flags: [], label: 'build, node defaults' }),
    ];
    printTable('`gazette send` peak memory (the command as cron runs it, sample content)', rss);
  } finally {
    sink.child.kill();
  }
}

/** The same messages through runSend and through a bare pool, to the same sink, same run. */
async function throughput(smtpUrl: string, count: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-send-'));
  const { config, items, database } = await setUp(dir, smtpUrl, count);
  try {
    const renderer = createDigestRenderer(config);
    const list = config.lists[0]!;
    const edition = makeEdition(12, config);
    const rendered = await renderer.render(edition, list, 'bilingual');
    // Bare: nodemailer's pool, the same composed message bodies, the same bound on in-flight.
    const transport = nodemailer.createTransport({
      pool: true,
      host: '127.0.0.1',
      port: Number(new URL(smtpUrl).port),
      maxConnections: POOL,
      maxMessages: 1000,
    });
    // Each bare message is personalized and composed as it goes (holding N copies would only
    // measure the garbage collector); the bare side skips the ledger, claims and re-checks.
    const message = (i: number) => {
      const token = manageToken(SECRET, { uid: `bare${i}` });
      return toNodemailerMessage(
        composeMail({
          config,
          list,
          edition: { date: FIXTURE_DATE, advertising: false },
          recipient: { subscriberId: String(i), email: `bare${i}@example.com` },
          digest: renderer.personalize(rendered, { token, name: `Reader ${i}` }),
          unsubscribeUrl: renderer.unsubscribeUrl(token),
        }),
      );
    };
    const sendAll = async (total: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < total) await transport.sendMail(message(next++));
        }),
      );
    };
    // Warm-up: JIT and pooled connections, so the timed run is the steady state.
    await sendAll(200);
    const bareStart = performance.now();
    await sendAll(count);
    const bare = count / ((performance.now() - bareStart) / 1000);
    transport.close();

    const mailer = createSmtpMailer({ url: smtpUrl, pool: POOL });
    const oursStart = performance.now();
    const summary = await runSend(
      {
        ledger: createLedger(database),
        source: createKyselyStore(database.db),
        mailer,
        renderer,
        tokenFor: (s) => manageToken(SECRET, s),
      },
      {
        config,
        editionFor: createEditionResolver(createEditionStore(database.db), {
          config,
          items,
          date: FIXTURE_DATE,
          freeze: true,
        }).editionFor,
        date: FIXTURE_DATE,
      },
    );
    const ours = summary.sent / ((performance.now() - oursStart) / 1000);
    await mailer.close();
    if (summary.sent !== count) throw new Error(`runSend sent ${summary.sent} of ${count}`);
    return { ours, bare, htmlKb: (rendered.htmlBytes / 1024).toFixed(1) };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `gazette send` of the newest sample edition to `subscribers` readers, in a child process exactly
 * as cron runs it; its JSON summary line reports the process's peak RSS.
 */
async function peakRss(
  smtpUrl: string,
  subscribers: number,
  run: { flags: string[]; label: string; fromSource?: boolean },
) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-rss-'));
  try {
    const { database } = await setUp(dir, smtpUrl, subscribers, true);
    await database.close();
    const { items } = await loadItems(path.join(ROOT, 'content'));
    const date = buildEditions(items, { timeZone: 'Asia/Seoul', categories: [] })[0]?.date ?? '';
    const child = spawn(process.execPath, [...run.flags, 'bin/gazette.js', 'send', '--date', date], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
        SMTP_URL: smtpUrl,
        GAZETTE_SECRET: SECRET,
        GAZETTE_PUBLIC_URL: 'https://news.example',
        ...(run.fromSource ? { GAZETTE_FROM_SOURCE: '1' } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    const summary = out
      .split('\n')
      .filter((l) => l.includes('"type":"summary"'))
      .map((l) => JSON.parse(l) as { sent: number; elapsedMs: number; rate: number; peakRssMb: number })[0];
    if (code !== 0 || summary === undefined || summary.sent !== subscribers) {
      throw new Error(
        `gazette send exited ${String(code)} having sent ${summary?.sent ?? 0} of ${subscribers}`,
      );
    }
    return {
      run: run.label,
      subscribers,
      's (send)': (summary.elapsedMs / 1000).toFixed(0),
      'msg/s': summary.rate.toFixed(0),
      'peak RSS MB (goal ≤ 150)': summary.peakRssMb,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A SQLite store with `count` bilingual subscribers of one list, and a 12-item edition. */
async function setUp(dir: string, smtpUrl: string, count: number, mixed = false) {
  const config = {
    ...testConfig({ send: { concurrency: CONCURRENCY, pool: POOL } }),
    smtpUrl,
    secret: SECRET,
  };
  const database = createDatabase<Tables>(`sqlite:${path.join(dir, 'bench.db')}`);
  await migrate(database, gazetteMigrations);
  const store = createKyselyStore(database.db);
  for (let start = 0; start < count; start += 1000) {
    const batch: SubscribeInput[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      batch.push({
        email: `reader${i}@example.com`,
        name: `Reader ${i}`,
        // Mixed: every locale, and topic sets from all five categories down to one (every
        // combination, so a send renders as many segments as a real list would).
        locale: mixed ? LOCALES[i % 3]! : 'bilingual',
        categories: mixed ? SAMPLE_CATEGORIES.filter((_, bit) => (Math.floor(i / 3) >> bit) & 1) : [],
        lists: ['daily'],
        consent: { source: 'import', version: 'bench' },
        confirmed: true,
      });
    }
    await store.importBatch(batch);
  }
  return { config, items: editionItems(makeEdition(12, config)), database };
}

/** A sink in its own process that accepts everything and parses nothing: the sender is measured. */
async function startSinkProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(SELF, ['--sink'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  return { child, url: `smtp://127.0.0.1:${port}` };
}

async function sinkChild(): Promise<void> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => callback());
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
  process.on('disconnect', () => server.close(() => process.exit(0)));
}
