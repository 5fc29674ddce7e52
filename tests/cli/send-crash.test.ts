import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/locale.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { createSendFixture, DATE, SECRET, subscriber } from '../send/send-fixture.ts';
import type { SendFixture } from '../send/send-fixture.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/gazette.js');
const READERS = 60;
const CONCURRENCY = 4;
const LEASE_SECONDS = 2;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `gazette send` in a child process; `stopWhen` sends it a signal once the sink has seen enough. */
function runSend(
  fixture: SendFixture,
  test: TestDatabase,
  sink: SmtpSink,
  stopWhen?: { received: number; signal: NodeJS.Signals },
): Promise<Run> {
  // A child reaches the test's PostgreSQL schema through the connection string's options.
  const databaseUrl = test.schema
    ? `${test.url}?options=${encodeURIComponent(`-c search_path=${test.schema}`)}`
    : test.url;
  const child = spawn(
    process.execPath,
    [BIN, '--config', path.join(fixture.dir, 'gazette.config.json'), 'send', '--date', DATE],
    {
      cwd: fixture.dir,
      env: {
        ...process.env,
        SMTP_URL: sink.url,
        DATABASE_URL: databaseUrl,
        GAZETTE_SECRET: SECRET,
        GAZETTE_PUBLIC_URL: 'https://news.example',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let timer: NodeJS.Timeout | undefined;
  if (stopWhen) {
    timer = setInterval(() => {
      if (sink.received.length >= stopWhen.received) {
        clearInterval(timer);
        child.kill(stopWhen.signal);
      }
    }, 5);
  }
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe.each(DIALECTS)('gazette send as a process on $name', (dialect) => {
  let sink: SmtpSink;
  let test: TestDatabase;
  let fixture: SendFixture;
  const emails = Array.from({ length: READERS }, (_, i) => `reader${i}@example.com`);
  const perRecipient = () => {
    const counts = new Map<string, number>();
    for (const mail of sink.received) {
      const to = mail.envelope.to[0] ?? '';
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    return counts;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  const setUp = async () => {
    test = await dialect.create();
    // A slow rate keeps the send going long enough to be interrupted in the middle.
    fixture = createSendFixture(
      { databaseUrl: test.url },
      // A short lease: the rows a SIGKILLed run held go to the next run after 2 s.
      { concurrency: CONCURRENCY, ratePerSecond: 40, pool: 2, leaseSeconds: LEASE_SECONDS },
    );
    await createKyselyStore(test.database.db).importBatch(
      emails.map((email, i) => subscriber(email, LOCALES[i % 3] ?? 'ko', i % 2 ? ['tech'] : [])),
    );
    sink.received.length = 0;
  };
  afterEach(async () => {
    await test.cleanup();
    fixture.cleanup();
  });

  describe.skipIf(!dialect.available)('', () => {
    it('after SIGKILL mid-send, a re-run reaches everyone; duplicates only for what was in flight', async () => {
      await setUp();
      const killed = await runSend(fixture, test, sink, { received: 15, signal: 'SIGKILL' });
      expect(killed.signal).toBe('SIGKILL');
      const before = sink.received.length;
      expect(before).toBeLessThan(READERS);
      // The killed run's rows stay its own until their lease runs out (nobody guesses from its
      // PID that it is dead): a re-run before then sends the rest, says so and exits 2.
      const ledger = createLedger(test.database);
      const heldUntil = await ledger.claimedUntil({ edition: DATE, listId: 'daily' });
      let resumed = await runSend(fixture, test, sink);
      if (resumed.code === 2) {
        expect(resumed.stderr).toMatch(/claimed by another send/);
        expect(Date.now()).toBeLessThan((heldUntil ?? 0) + 1000);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, (heldUntil ?? 0) - Date.now()) + 50));
        resumed = await runSend(fixture, test, sink);
      }
      expect(resumed.code, resumed.stderr).toBe(0);
      const counts = perRecipient();
      expect([...counts.keys()].sort()).toEqual([...emails].sort());
      const duplicates = sink.received.length - READERS;
      expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
      expect(await ledger.counts({ edition: DATE, listId: 'daily' })).toMatchObject({
        sent: READERS,
        pending: 0,
        claimed: 0,
        deferred: 0,
      });
    }, 120_000);

    it('SIGTERM drains what is in flight and stops cleanly; the re-run sends the rest, no duplicates', async () => {
      await setUp();
      const stopped = await runSend(fixture, test, sink, { received: 15, signal: 'SIGTERM' });
      expect(stopped.code, stopped.stderr).toBe(2);
      expect(stopped.stderr).toMatch(/SIGTERM/);
      const ledger = createLedger(test.database);
      const afterStop = await ledger.counts({ edition: DATE, listId: 'daily' });
      expect(afterStop.claimed).toBe(0);
      expect(afterStop.sent).toBe(sink.received.length);
      expect(afterStop.sent).toBeLessThan(READERS);
      const resumed = await runSend(fixture, test, sink);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(sink.received).toHaveLength(READERS);
      expect([...perRecipient().values()].every((n) => n === 1)).toBe(true);
    }, 120_000);

    it('two processes sending the same edition at once never double-send', async () => {
      await setUp();
      const [a, b] = await Promise.all([runSend(fixture, test, sink), runSend(fixture, test, sink)]);
      // The first to finish may still see the other's claims: it says so and exits 2; the last exits 0.
      // With a 2 s lease on a loaded machine, the other's renewal may be late by the time it looks:
      // then the lease reads as ended, which the message says instead of an end time.
      expect([a.code, b.code].sort(), a.stderr + b.stderr).toContain(0);
      for (const run of [a, b]) {
        if (run.code !== 0)
          expect(run.stderr).toMatch(/claimed by another send (until \S+ \(about|whose lease has ended)/);
      }
      expect(sink.received).toHaveLength(READERS);
      expect([...perRecipient().values()].every((n) => n === 1)).toBe(true);
    }, 120_000);
  });
});
