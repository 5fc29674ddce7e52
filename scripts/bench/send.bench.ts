// Send: msg/s of the real command, `gazette send` (bin/gazette.js: plan, render, claims, ledger,
// the MIME template, pooled SMTP), against a bare nodemailer pool composing each message itself,
// each in its own process, to the same discarding sink (a third process), DKIM off and on; why the
// bare side once ran at half a standalone script's rate; per-message costs of the pieces; then the
// peak RSS of `gazette send` to 100,000 subscribers of mixed locales and topics, and to 10,000
// run from source (tsx) and from the build.
// Usage: npm run bench -- send   (SEND_BENCH_MESSAGES, SEND_BENCH_RSS_SUBSCRIBERS to resize;
// SEND_BENCH_RSS_SUBSCRIBERS=0 skips the memory part, SEND_BENCH_ROUNDS the throughput rounds;
// SEND_BENCH_PARTS=throughput skips the per-piece costs and the "why" table; SEND_BENCH_DKIM=off
// (comma-separated: off, RSA, RSA + Ed25519) runs only those rows; SEND_BENCH_PROFILE=DIR writes a
// CPU profile of each `gazette send` there, node's --cpu-prof)
import { fork, spawn } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { parseConfig, resolveConfig } from '../../src/config/load-config.ts';
import type { Config } from '../../src/config/config.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { loadItems } from '../../src/content/load-items.ts';
import { buildEditions } from '../../src/edition/build-editions.ts';
import { filterEdition } from '../../src/edition/filter-edition.ts';
import { createEditionResolver } from '../../src/editions/create-edition-resolver.ts';
import { createEditionStore } from '../../src/editions/edition-store.ts';
import { buildRawMessage } from '../../src/mail/build-raw-message.ts';
import { formatMailHeaders } from '../../src/mail/format-mail-headers.ts';
import { createDkimSigner, SIGNED_FIELDS } from '../../src/mail/sign-dkim.ts';
import { toNodemailerMessage } from '../../src/mail/to-nodemailer-message.ts';
import { composeMail } from '../../src/send/compose-mail.ts';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import { createMimeTemplate } from '../../src/send/create-mime-template.ts';
import type { RenderedDigest } from '../../src/send/digest-renderer.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import type { SubscribeInput } from '../../src/subscribers/subscriber.ts';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { startDiscardingSink } from './discarding-sink.ts';
import { measureCpu, printTable } from './measure.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';
const MESSAGES = Number(process.env.SEND_BENCH_MESSAGES ?? 3000);
const ROUNDS = Number(process.env.SEND_BENCH_ROUNDS ?? 2);
const RSS_SUBSCRIBERS = Number(process.env.SEND_BENCH_RSS_SUBSCRIBERS ?? 100_000);
const THROUGHPUT_ONLY = process.env.SEND_BENCH_PARTS === 'throughput';
const DKIM_MODES = (['off', 'RSA', 'RSA + Ed25519'] as const).filter(
  (mode) =>
    process.env.SEND_BENCH_DKIM === undefined || process.env.SEND_BENCH_DKIM.split(',').includes(mode),
);
const PROFILE_FLAGS = process.env.SEND_BENCH_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SEND_BENCH_PROFILE}`]
  : [];
/** Messages in flight on both sides (the bare side's best, see the "why" table). */
const IN_FLIGHT = 20;
// The heap caps docs/sending.md puts on the send command: V8 otherwise lets dead message strings
// fill the old space long before it collects them, and grows a young generation of 16 MB semi-spaces
// (measured at 5,000: peak RSS 287–327 MB with defaults, 171–174 MB capped, no slower; from the
// build at 6,000: 96/4 peaks at 146–148 MB, 64/2 at 135–137 MB, no slower within the noise).
const SEND_HEAP_FLAGS = ['--max-old-space-size=64', '--max-semi-space-size=2'];
const POOL = 5;
/** The sample config's categories: a mixed list picks its readers' topics from these. */
const SAMPLE_CATEGORIES = ['tech', 'business', 'policy', 'commerce', 'science'];
const LOCALES = ['ko', 'en', 'bilingual'] as const;
const DKIM_DOMAIN = 'gazette.example';

/** What a bare child is asked to do. */
interface BareRun {
  smtpUrl: string;
  count: number;
  inFlight: number;
  maxMessages: number;
  /** RSA key (PEM) for nodemailer's own dkim option. */
  dkimKey?: string;
  /** Send the same composed input each time instead of personalizing and composing each. */
  fixed?: boolean;
}

const mode = process.argv[2];
if (mode === '--bare') await bareChild(JSON.parse(process.argv[3] ?? '{}') as BareRun);
else await main();

async function main(): Promise<void> {
  const sink = await startDiscardingSink();
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-send-'));
  try {
    const keys = writeDkimKeys(dir);
    const load = () => loadavg()[0]!.toFixed(1);
    console.log(`load average at start ${load()} (2 cores)`);
    if (!THROUGHPUT_ONLY) {
      await costs(keys);
      await whyBareWasSlow(sink.url);
    }
    const rows = [];
    for (const dkim of DKIM_MODES) {
      for (let round = 1; round <= ROUNDS; round++) {
        const bare = await bareProcess({
          smtpUrl: sink.url,
          count: MESSAGES,
          inFlight: IN_FLIGHT,
          maxMessages: Infinity,
          dkimKey: dkim === 'off' ? undefined : keys.rsaPem,
        });
        const ours = await gazetteSend(sink.url, MESSAGES, {
          dir: path.join(dir, `run-${dkim.length}-${round}`),
          dkim: dkim === 'off' ? undefined : keys,
          ed25519: dkim === 'RSA + Ed25519',
        });
        rows.push({
          DKIM: dkim,
          round,
          messages: MESSAGES,
          'bare pool msg/s': bare.rate.toFixed(0),
          '`gazette send` msg/s': ours.rate.toFixed(0),
          ratio: (ours.rate / bare.rate).toFixed(2),
          'bare CPU ms/msg': bare.cpuMsPerMessage.toFixed(2),
          'gazette CPU ms/msg (whole process)': ours.cpuMsPerMessage.toFixed(2),
          load: load(),
        });
      }
    }
    printTable(
      `Send throughput (pool ${POOL}, ${IN_FLIGHT} in flight, each side its own process, bilingual sample edition; ` +
        'goal ≥ 1.5 DKIM off, ≥ 1.2 on; the bare side signs RSA only)',
      rows,
    );
    // The command's CPU per message beyond its fixed costs (start-up, loading, rendering): two
    // sends of N and 2N, the difference over N. Comparable with the bare side's timed loop.
    const once = await gazetteSend(sink.url, MESSAGES, { dir: path.join(dir, 'marginal-1') });
    const twice = await gazetteSend(sink.url, 2 * MESSAGES, { dir: path.join(dir, 'marginal-2') });
    const marginal = (twice.cpuMsPerMessage * 2 * MESSAGES - once.cpuMsPerMessage * MESSAGES) / MESSAGES;
    console.log(
      `gazette send, DKIM off: ${once.cpuMsPerMessage.toFixed(2)} CPU ms/msg over ${MESSAGES} (whole process), ` +
        `${marginal.toFixed(2)} per message beyond the fixed costs (${MESSAGES} → ${2 * MESSAGES}); load ${load()}`,
    );
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
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The bench's old bare side (in this process, 10 in flight, maxMessages 1000) against the same in
 * a process of its own, then with maxMessages unbounded, more in flight, and the same input sent
 * each time (no personalizing): what made the baseline slow.
 */
async function whyBareWasSlow(smtpUrl: string): Promise<void> {
  const count = Math.min(MESSAGES, 2000);
  const base = { smtpUrl, count, inFlight: 10, maxMessages: 1000 };
  const runs: [string, () => Promise<{ rate: number; cpuMsPerMessage: number }>][] = [
    ['in the bench process (as before)', () => bareRun(base)],
    ['own process', () => bareProcess(base)],
    ['own process, maxMessages ∞', () => bareProcess({ ...base, maxMessages: Infinity })],
    [
      'own process, maxMessages ∞, 20 in flight',
      () => bareProcess({ ...base, maxMessages: Infinity, inFlight: 20 }),
    ],
    [
      'own process, maxMessages ∞, 50 in flight',
      () => bareProcess({ ...base, maxMessages: Infinity, inFlight: 50 }),
    ],
    [
      'own process, the same input every time',
      () => bareProcess({ ...base, maxMessages: Infinity, fixed: true }),
    ],
  ];
  const rows = [];
  for (const [label, run] of runs) {
    const { rate, cpuMsPerMessage } = await run();
    rows.push({
      'bare nodemailer pool': label,
      messages: count,
      'msg/s': rate.toFixed(0),
      'CPU ms/msg': cpuMsPerMessage.toFixed(2),
      load: loadavg()[0]!.toFixed(1),
    });
  }
  printTable('Why the bare side was slow (composing each message, pool 5, DKIM off)', rows);
}

/** CPU per message of each piece, in this process (medians of 5 runs of 500, CPU time, not wall). */
async function costs(keys: DkimKeys): Promise<void> {
  const { config, rendered } = await sampleDigest(
    path.join(mkdtempSync(path.join(tmpdir(), 'gazette-bench-cost-')), 'x.db'),
  );
  const renderer = createDigestRenderer(config);
  const list = config.lists[0]!;
  const template = createMimeTemplate(rendered);
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const compose = async (m: Parameters<typeof toNodemailerMessage>[0]) =>
    (await composer.sendMail(toNodemailerMessage(m))).message as Buffer;
  const rsa = createDkimSigner([
    { domainName: DKIM_DOMAIN, keySelector: 'rsa', privateKey: createPrivateKey(keys.rsaPem) },
  ]);
  const both = createDkimSigner([
    { domainName: DKIM_DOMAIN, keySelector: 'rsa', privateKey: createPrivateKey(keys.rsaPem) },
    { domainName: DKIM_DOMAIN, keySelector: 'ed', privateKey: createPrivateKey(keys.edPem) },
  ]);
  const mail = (i: number) => {
    const recipient = { token: manageToken(SECRET, { uid: `cost${i}` }), name: `Reader ${i}` };
    return {
      recipient,
      mail: composeMail({
        config,
        list,
        edition: { date: '2026-01-01', advertising: false },
        recipient: { subscriberId: String(i), email: `cost${i}@example.com` },
        digest: renderer.personalize(rendered, recipient),
        unsubscribeUrl: renderer.unsubscribeUrl(recipient.token),
      }),
    };
  };
  const N = 500;
  const per = async (fn: (i: number) => unknown) =>
    (await measureCpu(async () => {
      for (let i = 0; i < N; i++) await fn(i);
    })) / N;
  const raw = (signer?: typeof rsa) => async (i: number) => {
    const { recipient, mail: m } = mail(i);
    return buildRawMessage({ ...m, mime: template.body(recipient) }, { compose, signer });
  };
  const rows = [
    { step: 'personalize + composeMail (header values, string bodies)', 'µs/msg': await per(mail) },
    {
      step: 'nodemailer composes the message (today, the bare side)',
      'µs/msg': await per(async (i) => compose(mail(i).mail)),
    },
    {
      step: '…and signs it (nodemailer DKIM, RSA-2048)',
      'µs/msg': await per(async (i) => {
        const t = nodemailer.createTransport({
          streamTransport: true,
          buffer: true,
          newline: 'windows',
          dkim: {
            domainName: DKIM_DOMAIN,
            keySelector: 'rsa',
            privateKey: keys.rsaPem,
            headerFieldNames: SIGNED_FIELDS,
          },
        });
        return t.sendMail(toNodemailerMessage(mail(i).mail));
      }),
    },
    {
      step: 'MIME template: body for one recipient',
      'µs/msg': await per((i) => template.body({ token: `t${i}.x`, name: `Reader ${i}` })),
    },
    {
      step: 'header block (formatMailHeaders)',
      'µs/msg': await per((i) => formatMailHeaders(mail(i).mail, 'multipart/alternative; boundary="b"')),
    },
    { step: 'raw message (template + headers + Buffer)', 'µs/msg': await per(raw()) },
    { step: 'raw message, DKIM RSA-2048', 'µs/msg': await per(raw(rsa)) },
    { step: 'raw message, DKIM RSA-2048 + Ed25519', 'µs/msg': await per(raw(both)) },
  ];
  printTable(
    `Per-message CPU, this process (${(rendered.htmlBytes / 1024).toFixed(1)} KB HTML; template holds ${(template.bytes / 1024).toFixed(0)} KB)`,
    rows.map((row) => ({ ...row, 'µs/msg': (row['µs/msg'] * 1000).toFixed(0) })),
  );
}

interface DkimKeys {
  rsaPem: string;
  edPem: string;
  rsaFile: string;
  edFile: string;
}

function writeDkimKeys(dir: string): DkimKeys {
  const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  }) as string;
  const edPem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const rsaFile = path.join(dir, 'dkim-rsa.pem');
  const edFile = path.join(dir, 'dkim-ed25519.pem');
  writeFileSync(rsaFile, rsaPem);
  writeFileSync(edFile, edPem);
  return { rsaPem, edPem, rsaFile, edFile };
}

/** The sample config (gazette.config.ts's values) as JSON, content from the repository. */
function sampleConfigFile(send: Record<string, unknown> = {}) {
  return {
    name: { ko: '가제트 데일리', en: 'Gazette Daily' },
    from: { name: 'Gazette Daily', email: `digest@${DKIM_DOMAIN}` },
    replyTo: `editors@${DKIM_DOMAIN}`,
    postalAddress: 'Gazette Media, 12 Sejong-daero, Jung-gu, Seoul 04519, Republic of Korea',
    timeZone: 'Asia/Seoul',
    categories: [
      { id: 'tech', label: { ko: '기술', en: 'Technology' } },
      { id: 'business', label: { ko: '비즈니스', en: 'Business' } },
      { id: 'policy', label: { ko: '정책', en: 'Policy' } },
      { id: 'commerce', label: { ko: '커머스', en: 'Commerce' } },
      { id: 'science', label: { ko: '과학', en: 'Science' } },
    ],
    lists: [{ id: 'daily', name: { ko: '데일리 브리핑', en: 'Daily Briefing' } }],
    subject: {
      ko: '{name} · {date} · 오늘의 {items}',
      en: '{name} · {date} · {items}',
      bilingual: '{name} · {date} · {items}',
    },
    unsubscribeMailto: `unsubscribe@${DKIM_DOMAIN}`,
    contentDir: path.join(ROOT, 'content'),
    send: { concurrency: IN_FLIGHT, pool: POOL, ...send },
  };
}

async function newestSampleDate(): Promise<string> {
  const { items } = await loadItems(path.join(ROOT, 'content'));
  return buildEditions(items, { timeZone: 'Asia/Seoul', categories: [] })[0]?.date ?? '';
}

/** The bilingual digest `gazette send` sends to an all-topics reader of the newest sample edition. */
async function sampleDigest(
  dbFile: string,
): Promise<{ config: Config; rendered: RenderedDigest; date: string }> {
  process.env.NODE_ENV ??= 'production';
  const config = resolveConfig(parseConfig(sampleConfigFile()), ROOT, {
    GAZETTE_SECRET: SECRET,
    GAZETTE_PUBLIC_URL: 'https://news.example',
  });
  const date = await newestSampleDate();
  const { items } = await loadItems(config.contentDir);
  const database = createDatabase<Tables>(`sqlite:${dbFile}`);
  try {
    await migrate(database, gazetteMigrations);
    const list = config.lists[0]!;
    const edition = await createEditionResolver(createEditionStore(database.db), {
      config,
      items,
      date,
      freeze: false,
    }).editionFor(list);
    const options = { timeZone: config.timeZone, categories: config.categories };
    const share = filterEdition(filterEdition(edition!, list.categories, options), [], options);
    const rendered = await createDigestRenderer(config).render(share, list, 'bilingual');
    return { config, rendered, date };
  } finally {
    await database.close();
  }
}

/** A bare pool in a child process of its own (the bench's process stays out of it). */
async function bareProcess(run: BareRun): Promise<{ rate: number; cpuMsPerMessage: number }> {
  const child = fork(
    SELF,
    ['--bare', JSON.stringify({ ...run, maxMessages: run.maxMessages === Infinity ? -1 : run.maxMessages })],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  const result = await new Promise<{ rate: number; cpuMsPerMessage: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { rate: number; cpuMsPerMessage: number }));
    child.once('exit', (code) => reject(new Error(`bare child exited ${String(code)}`)));
  });
  child.kill();
  return result;
}

async function bareChild(run: BareRun): Promise<void> {
  const result = await bareRun({ ...run, maxMessages: run.maxMessages < 0 ? Infinity : run.maxMessages });
  process.send?.(result);
  process.disconnect?.();
}

/**
 * nodemailer at its best for this job: pooled (5 connections, never recycled), `inFlight`
 * messages outstanding, base64 bodies (what composeMail asks for), each message personalized and
 * composed from scratch as it goes; DKIM by nodemailer's own signer when a key is given.
 */
async function bareRun(run: BareRun): Promise<{ rate: number; cpuMsPerMessage: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-bench-bare-'));
  try {
    const { config, rendered, date } = await sampleDigest(path.join(dir, 'bare.db'));
    const renderer = createDigestRenderer(config);
    const list = config.lists[0]!;
    const transport = nodemailer.createTransport({
      pool: true,
      host: '127.0.0.1',
      port: Number(new URL(run.smtpUrl).port),
      maxConnections: POOL,
      maxMessages: run.maxMessages,
      dkim: run.dkimKey
        ? {
            domainName: DKIM_DOMAIN,
            keySelector: 'rsa',
            privateKey: run.dkimKey,
            headerFieldNames: SIGNED_FIELDS,
          }
        : undefined,
    });
    const message = (i: number) => {
      const token = manageToken(SECRET, { uid: `bare${i}` });
      return toNodemailerMessage(
        composeMail({
          config,
          list,
          edition: { date, advertising: false },
          recipient: { subscriberId: String(i), email: `bare${i}@example.com` },
          digest: renderer.personalize(rendered, { token, name: `Reader ${i}` }),
          unsubscribeUrl: renderer.unsubscribeUrl(token),
        }),
      );
    };
    const same = message(0);
    const sendAll = async (total: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: run.inFlight }, async () => {
          while (next < total) {
            const i = next++;
            await transport.sendMail(run.fixed ? same : message(i));
          }
        }),
      );
    };
    // Warm-up: JIT and pooled connections, so the timed run is the steady state.
    await sendAll(200);
    const cpu = process.cpuUsage();
    const start = performance.now();
    await sendAll(run.count);
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    transport.close();
    return { rate: run.count / seconds, cpuMsPerMessage: (used.user + used.system) / 1000 / run.count };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The real command, `gazette send` (bin/gazette.js, node defaults as on the bare side), to `count`
 * bilingual all-topics readers of the newest sample edition; its summary line's rate covers
 * planning, rendering and sending (not the process start-up).
 */
async function gazetteSend(
  smtpUrl: string,
  count: number,
  run: { dir: string; dkim?: DkimKeys; ed25519?: boolean },
): Promise<{ rate: number; cpuMsPerMessage: number }> {
  rmSync(run.dir, { recursive: true, force: true });
  const dir = mkdtempSync(`${run.dir}-`);
  try {
    const dkim = run.dkim
      ? {
          domainName: DKIM_DOMAIN,
          keySelector: 'rsa',
          privateKeyFile: run.dkim.rsaFile,
          ...(run.ed25519 ? { ed25519: { keySelector: 'ed', privateKeyFile: run.dkim.edFile } } : {}),
        }
      : undefined;
    const configFile = path.join(dir, 'gazette.config.json');
    writeFileSync(configFile, JSON.stringify(sampleConfigFile(dkim ? { dkim } : {})));
    const database = createDatabase<Tables>(`sqlite:${path.join(dir, 'bench.db')}`);
    await migrate(database, gazetteMigrations);
    await addReaders(createKyselyStore(database.db), count, false);
    await database.close();
    const summary = await runCommand(
      [
        ...PROFILE_FLAGS,
        'bin/gazette.js',
        'send',
        '--config',
        configFile,
        '--date',
        await newestSampleDate(),
      ],
      {
        DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
        SMTP_URL: smtpUrl,
      },
    );
    if (summary.sent !== count) throw new Error(`gazette send sent ${summary.sent} of ${count}`);
    return {
      rate: summary.rate,
      cpuMsPerMessage: summary.cpuS === undefined ? NaN : (summary.cpuS * 1000) / count,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `gazette …` in a child, returns its JSON summary line. */
async function runCommand(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      GAZETTE_SECRET: SECRET,
      GAZETTE_PUBLIC_URL: 'https://news.example',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  // The child's CPU time, sampled until it exits (Linux: utime + stime of /proc/PID/stat, in
  // clock ticks of 10 ms); undefined elsewhere.
  let cpuS: number | undefined;
  const sample = setInterval(() => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpuS = (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone, or not Linux
    }
  }, 50);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(sample);
  const summary = out
    .split('\n')
    .filter((l) => l.includes('"type":"summary"'))
    .map((l) => JSON.parse(l) as { sent: number; elapsedMs: number; rate: number; peakRssMb: number })[0];
  if (code !== 0 || summary === undefined)
    throw new Error(`gazette ${args.join(' ')} exited ${String(code)}: ${out.slice(-500)}`);
  return { ...summary, cpuS };
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
    const database = createDatabase<Tables>(`sqlite:${path.join(dir, 'bench.db')}`);
    await migrate(database, gazetteMigrations);
    await addReaders(createKyselyStore(database.db), subscribers, true);
    await database.close();
    const summary = await runCommand(
      [...run.flags, 'bin/gazette.js', 'send', '--date', await newestSampleDate()],
      {
        DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
        SMTP_URL: smtpUrl,
        ...(run.fromSource ? { GAZETTE_FROM_SOURCE: '1' } : {}),
      },
    );
    if (summary.sent !== subscribers) throw new Error(`gazette send sent ${summary.sent} of ${subscribers}`);
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

/**
 * `count` confirmed readers of the daily list: all bilingual with every topic (one segment), or
 * mixed: every locale, and topic sets from all five categories down to one (every combination,
 * so a send renders as many segments as a real list would).
 */
async function addReaders(store: ReturnType<typeof createKyselyStore>, count: number, mixed: boolean) {
  for (let start = 0; start < count; start += 1000) {
    const batch: SubscribeInput[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      batch.push({
        email: `reader${i}@example.com`,
        name: `Reader ${i}`,
        locale: mixed ? LOCALES[i % 3]! : 'bilingual',
        categories: mixed ? SAMPLE_CATEGORIES.filter((_, bit) => (Math.floor(i / 3) >> bit) & 1) : [],
        lists: ['daily'],
        consent: { source: 'import', version: 'bench' },
        confirmed: true,
      });
    }
    await store.importBatch(batch);
  }
}
