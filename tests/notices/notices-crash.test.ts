import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/locale.ts';
import { createNoticeLedger } from '../../src/notices/notice-ledger.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { spawnGazette } from '../cli/cli-harness.ts';
import type { GazetteChild } from '../cli/cli-harness.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';

const SECRET = 'notices-crash-secret-0123456789abcdefghij';
const READERS = 120;
const LEASE_SECONDS = 2;
const NOW = '2026-12-04T09:00:00+09:00';

describe.each(DIALECTS)('gazette notices as a process on $name', (dialect) => {
  let sink: SmtpSink;
  let test: TestDatabase;
  let dir: string;
  const emails = Array.from({ length: READERS }, (_, i) => `reader${i}@example.com`);

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  afterEach(async () => {
    await test?.cleanup();
    rmSync(dir, { recursive: true, force: true });
    sink.received.length = 0;
  });

  const setUp = async () => {
    test = await dialect.create();
    dir = mkdtempSync(path.join(tmpdir(), 'gazette-notices-'));
    writeFileSync(
      path.join(dir, 'gazette.config.json'),
      JSON.stringify({
        name: { ko: '가제트 데일리', en: 'Gazette Daily' },
        from: { name: 'Gazette Daily', email: 'digest@gazette.example' },
        postalAddress: '12 Sejong-daero, Seoul',
        lists: [{ id: 'daily', name: { ko: '데일리', en: 'Daily' } }],
        // A short lease: the rows a SIGKILLed run held go to the next run after 2 s.
        send: { leaseSeconds: LEASE_SECONDS },
      }),
    );
    await createKyselyStore(test.database.db).importBatch(
      emails.map((email, i) => ({
        email,
        locale: LOCALES[i % 3] ?? 'ko',
        categories: [],
        lists: ['daily'],
        adConsent: true,
        consentedAt: '2024-12-03T15:00:00.000Z',
        confirmed: true,
        consent: { source: 'import' as const, version: 'v1' },
      })),
    );
  };
  const run = (): GazetteChild =>
    spawnGazette(['--config', path.join(dir, 'gazette.config.json'), 'notices', '--now', NOW], {
      cwd: dir,
      env: {
        SMTP_URL: sink.url,
        // A child reaches the test's PostgreSQL schema through the connection string's options.
        DATABASE_URL: test.schema
          ? `${test.url}?options=${encodeURIComponent(`-c search_path=${test.schema}`)}`
          : test.url,
        GAZETTE_SECRET: SECRET,
        GAZETTE_PUBLIC_URL: 'https://news.example',
      },
    });
  /** Stop the child with `signal` once the sink has `count` messages (polled; bounded by the child's exit). */
  const stopAt = async (child: GazetteChild, count: number, signal: NodeJS.Signals) => {
    const timer = setInterval(() => {
      if (sink.received.length >= count) {
        clearInterval(timer);
        child.kill(signal);
      }
    }, 2);
    try {
      return await child.exited(90_000);
    } finally {
      clearInterval(timer);
    }
  };
  const perReader = () => {
    const ids = new Map<string, Set<string>>();
    for (const mail of sink.received) {
      const to = mail.envelope.to[0] ?? '';
      const set = ids.get(to) ?? new Set<string>();
      set.add(String(mail.parsed.messageId));
      ids.set(to, set);
    }
    return ids;
  };
  const finish = async () => {
    const ledger = createNoticeLedger(test.database);
    let again = await run().exited(90_000);
    if (again.code === 2 && (await ledger.counts()).claimed > 0) {
      // The dead run's rows stay its own until their lease ends; nobody guesses from a PID.
      const until = (await ledger.claimedUntil()) ?? Date.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now()) + 100));
      again = await run().exited(90_000);
    }
    return again;
  };

  describe.skipIf(!dialect.available)('', () => {
    it('after SIGKILL mid-run, a re-run tells each reader once; a copy twice only if it was in flight', async () => {
      await setUp();
      const killed = await stopAt(run(), 20, 'SIGKILL');
      expect(killed.signal).toBe('SIGKILL');
      const before = sink.received.length;
      expect(before).toBeGreaterThanOrEqual(20);
      expect(before).toBeLessThan(READERS);
      const last = await finish();
      expect(last.code).toBe(0);
      const ids = perReader();
      expect([...ids.keys()].sort()).toEqual([...emails].sort());
      // One notice per reader: a second copy, if any, is the same message (same Message-ID).
      for (const set of ids.values()) expect(set.size).toBe(1);
      // Notices go one at a time, so at most the one the server accepted as the process died.
      expect(sink.received.length - READERS).toBeLessThanOrEqual(1);
      expect(await createNoticeLedger(test.database).counts()).toMatchObject({
        sent: READERS,
        pending: 0,
        claimed: 0,
        deferred: 0,
        failed: 0,
      });
      // And a run after that sends nothing.
      const count = sink.received.length;
      expect((await run().exited(60_000)).code).toBe(0);
      expect(sink.received).toHaveLength(count);
    }, 180_000);

    it('after SIGTERM, the notice in flight finishes, the rest is given back; a re-run sends exactly the rest', async () => {
      await setUp();
      const stopped = await stopAt(run(), 20, 'SIGTERM');
      expect(stopped.code).toBe(2);
      expect(sink.received.length).toBeLessThan(READERS);
      const counts = await createNoticeLedger(test.database).counts();
      expect(counts.claimed).toBe(0);
      expect(counts.sent).toBe(sink.received.length);
      expect((await run().exited(90_000)).code).toBe(0);
      expect(sink.received).toHaveLength(READERS);
      expect([...perReader().keys()].sort()).toEqual([...emails].sort());
    }, 180_000);

    it('two runs at once share the work: each reader exactly one notice', async () => {
      await setUp();
      const [a, b] = await Promise.all([run().exited(90_000), run().exited(90_000)]);
      // The one that ends first may see rows the other still holds: it says so and exits 2.
      expect([a.code, b.code]).toContain(0);
      for (const exit of [a, b]) expect([0, 2]).toContain(exit.code);
      expect(sink.received).toHaveLength(READERS);
      expect([...perReader().keys()].sort()).toEqual([...emails].sort());
      expect((await createNoticeLedger(test.database).counts()).sent).toBe(READERS);
    }, 180_000);
  });
});
