import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { runSend } from '../../src/send/run-send.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { DATE, SECRET, subscriber } from './send-fixture.ts';
import { useSendSuite } from './send-harness.ts';

const scope = { edition: DATE, listId: 'daily' };

describe.each(DIALECTS)('send leases on $name', (dialect) => {
  const suite = useSendSuite(dialect);

  describe.skipIf(!dialect.available)('', () => {
    // Scaled down: a 600 ms lease, 10 messages a second. Before the fix a run claimed 16 rows,
    // which took it 1.6 s to start; a faster run took the rows still queued there once their
    // lease had run out, and both sent them.
    it('claims no more than it can start within half a lease: a slow and a fast run never double-send', async () => {
      const harness = await suite.harness({ concurrency: 4, ratePerSecond: 10 });
      const emails = Array.from({ length: 40 }, (_, i) => `reader${i}@example.com`);
      await harness.store.importBatch(emails.map((email) => subscriber(email, 'en')));
      const config = harness.fixture.config;
      const other = createDatabase(harness.test.url, { schema: harness.test.schema });
      const mailer = createSmtpMailer({ url: suite.sink.url });
      try {
        const [slow, fast] = await Promise.all([
          harness.send({ leaseMs: 600 }),
          runSend(
            {
              ledger: createLedger(other),
              source: createKyselyStore(other.db),
              mailer,
              renderer: createDigestRenderer(config),
              tokenFor: (s) => manageToken(SECRET, s),
            },
            {
              config: { ...config, send: { ...config.send, ratePerSecond: 40 } },
              editionFor: harness.editionFor,
              date: DATE,
              leaseMs: 600,
            },
          ),
        ]);
        expect(suite.sink.received.map((m) => m.envelope.to[0]).sort()).toEqual([...emails].sort());
        expect(slow.sent + fast.sent).toBe(40);
        expect(slow.lost + fast.lost).toBe(0);
      } finally {
        await mailer.close();
        await other.close();
      }
    });

    it('keeps the leases of messages in flight alive: a server slower than the lease causes no double send', async () => {
      const harness = await suite.harness({ concurrency: 2 });
      const emails = Array.from({ length: 12 }, (_, i) => `reader${i}@example.com`);
      await harness.store.importBatch(emails.map((email) => subscriber(email, 'en')));
      // Each message takes 500 ms; the lease is 300 ms.
      const slow = (mailer: Mailer): Mailer => ({
        ...mailer,
        send: async (mail) => {
          await sleep(500);
          return mailer.send(mail);
        },
      });
      const mailers = [createSmtpMailer({ url: suite.sink.url }), createSmtpMailer({ url: suite.sink.url })];
      const other = createDatabase(harness.test.url, { schema: harness.test.schema });
      try {
        const runs = await Promise.all([
          harness.send({ leaseMs: 300 }, { mailer: slow(mailers[0]!) }),
          runSend(
            {
              ledger: createLedger(other),
              source: createKyselyStore(other.db),
              mailer: slow(mailers[1]!),
              renderer: createDigestRenderer(harness.fixture.config),
              tokenFor: (s) => manageToken(SECRET, s),
            },
            { config: harness.fixture.config, editionFor: harness.editionFor, date: DATE, leaseMs: 300 },
          ),
        ]);
        expect(suite.sink.received.map((m) => m.envelope.to[0]).sort()).toEqual([...emails].sort());
        expect(runs[0].lost + runs[1].lost).toBe(0);
      } finally {
        await Promise.all(mailers.map((mailer) => mailer.close()));
        await other.close();
      }
    });

    it('counts rows another worker still holds, with the end of its lease, instead of calling the send done', async () => {
      const harness = await suite.harness();
      await harness.store.importBatch(
        ['held', 'free1', 'free2'].map((name) => subscriber(`${name}@example.com`, 'en')),
      );
      await harness.plan();
      // A worker on another host claimed one row and died: its lease runs for ten more minutes.
      const [held] = await harness.ledger.claim(scope, {
        owner: 'elsewhere:4242:run',
        runId: 'run',
        limit: 1,
        leaseMs: 10 * 60_000,
        maxAttempts: 3,
      });
      const summary = await harness.send();
      expect(summary).toMatchObject({ sent: 2, pending: 0, deferred: 0, claimed: 1 });
      expect(summary.claimedUntil).toBe(Number(held?.lease_until));
      expect(suite.sink.received).toHaveLength(2);
    });

    // Another container with host networking (or another host of the same name) has our
    // hostname, and its PID does not exist here: it is alive all the same, and its rows are its own.
    it('never takes a live lease from a worker with our hostname and a PID that looks dead', async () => {
      const harness = await suite.harness();
      await harness.store.importBatch(
        ['twin1', 'twin2', 'free'].map((name) => subscriber(`${name}@example.com`, 'en')),
      );
      await harness.plan();
      const deadLookingPid = 2 ** 22 + 12_345; // above Linux's pid_max: no such process here
      expect(() => process.kill(deadLookingPid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
      const twin = `${hostname()}:${deadLookingPid}:twinrun`;
      const held = await harness.ledger.claim(scope, {
        owner: twin,
        runId: 'twinrun',
        limit: 2,
        leaseMs: 10 * 60_000,
        maxAttempts: 3,
      });
      expect(held).toHaveLength(2);
      const summary = await harness.send();
      expect(summary).toMatchObject({ sent: 1, claimed: 2 });
      expect(suite.sink.received.map((m) => m.envelope.to[0])).toEqual(['free@example.com']);
      // The twin is still the holder: it can write its results.
      for (const row of held) {
        expect(
          await harness.ledger.sent(row.id, twin, { messageId: `<${row.id}@x>`, response: '250 ok' }),
        ).toBe(true);
      }
      expect(await harness.ledger.counts(scope)).toMatchObject({ sent: 3, claimed: 0 });
    });

    it('takes the rows of a worker that stopped renewing once its lease has run out', async () => {
      const harness = await suite.harness();
      await harness.store.importBatch(
        ['gone1', 'gone2'].map((name) => subscriber(`${name}@example.com`, 'en')),
      );
      await harness.plan();
      await harness.ledger.claim(scope, {
        owner: `${hostname()}:${process.pid}:crashed`,
        runId: 'crashed',
        limit: 2,
        leaseMs: 300,
        maxAttempts: 3,
      });
      expect(await harness.send()).toMatchObject({ sent: 0, claimed: 2 });
      await sleep(350);
      expect(await harness.send()).toMatchObject({ sent: 2, claimed: 0 });
      expect(suite.sink.received).toHaveLength(2);
    });
  });
});
