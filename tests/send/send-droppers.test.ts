import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '../../src/send/delivery-event.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { DATE, subscriber } from './send-fixture.ts';
import { createSendHarness } from './send-harness.ts';
import type { SendHarness } from './send-harness.ts';

const scope = { edition: DATE, listId: 'daily' };

describe.each(DIALECTS)('recipients whose connection always drops, on $name', (dialect) => {
  let sink: SmtpSink | undefined;
  let harness: SendHarness;
  afterEach(async () => {
    await harness.cleanup();
    await sink?.close();
    sink = undefined;
  });

  describe.skipIf(!dialect.available)('', () => {
    // The server takes the whole message for drop*@ and then closes the connection without an
    // answer, every time; it answers 451 for later*@. Before: those rows stayed deferred forever,
    // and a run with only them left ended after minutes of pauses as "SMTP server unreachable".
    it('fails the droppers after send.maxAttempts with the reason; later runs are prompt and leave them alone', async () => {
      const drops = new Map<string, number>();
      sink = await startSmtpSink({
        onRecipient: (address) =>
          address.startsWith('later') ? { code: 451, message: '4.2.0 mailbox busy, try later' } : undefined,
        dropAfterData: (mail) => {
          const to = mail.envelope.to[0] ?? '';
          if (!to.startsWith('drop')) return false;
          drops.set(to, (drops.get(to) ?? 0) + 1);
          return true;
        },
      });
      harness = await createSendHarness(dialect, sink.url, { concurrency: 4, maxAttempts: 3 });
      await harness.store.importBatch([
        ...Array.from({ length: 10 }, (_, i) => subscriber(`later${i}@example.com`, 'en')),
        ...Array.from({ length: 3 }, (_, i) => subscriber(`drop${i}@example.com`, 'en')),
        ...Array.from({ length: 20 }, (_, i) => subscriber(`ok${i}@example.com`, 'en')),
      ]);
      const runs: { ms: number; events: DeliveryEvent[]; fatal?: unknown; failed: number }[] = [];
      for (let run = 0; run < 3; run++) {
        const events: DeliveryEvent[] = [];
        const started = Date.now();
        // The default pauses after a connection failure (1 s, doubling), as in production.
        const summary = await harness.send({ onEvent: (_list, event) => events.push(event) });
        runs.push({ ms: Date.now() - started, events, fatal: summary.fatal, failed: summary.failed });
      }
      expect(runs.map((run) => run.fatal)).toEqual([undefined, undefined, undefined]);
      // Three connection failures each, no more, over all runs.
      expect([...drops.values()]).toEqual([3, 3, 3]);
      const failedEvents = runs.flatMap((run) => run.events).filter((event) => event.type === 'failed');
      expect(failedEvents.map((event) => event.email).sort()).toEqual([
        'drop0@example.com',
        'drop1@example.com',
        'drop2@example.com',
      ]);
      for (const event of failedEvents) {
        expect(event).toMatchObject({
          code: 'SMTP_CONNECTION',
          response: expect.stringMatching(/dropped on 3 attempts/),
        });
      }
      const rows = await harness.test.database.db
        .selectFrom('deliveries')
        .select(['email', 'status', 'response'])
        .where('email', 'like', 'drop%')
        .execute();
      expect(rows.map((row) => row.status)).toEqual(['failed', 'failed', 'failed']);
      expect(rows[0]?.response).toMatch(/connection dropped on 3 attempts in a row .*answered others/);
      // The 451s stay deferred for the next run, as before; the later runs are prompt.
      expect(await harness.ledger.counts(scope)).toMatchObject({ sent: 20, failed: 3, deferred: 10 });
      expect(runs[1]!.ms).toBeLessThan(15_000);
      expect(runs[2]!.ms).toBeLessThan(15_000);
    }, 120_000);

    it('fails a dropper with a long history within one run: its retries do not wait past the run', async () => {
      let drops = 0;
      sink = await startSmtpSink({
        dropAfterData: (mail) => (mail.envelope.to[0] ?? '').startsWith('drop') && ++drops > 0,
      });
      harness = await createSendHarness(dialect, sink.url, { concurrency: 2, maxAttempts: 3 });
      await harness.store.importBatch(
        ['drop@example.com', ...Array.from({ length: 6 }, (_, i) => `ok${i}@example.com`)].map((email) =>
          subscriber(email, 'en'),
        ),
      );
      await harness.plan();
      // Greylisted for days, then dropped by the last run: a backoff by all its attempts would
      // put the next retry hours away, past any run, and no run would ever reach the third drop.
      await harness.test.database.db
        .updateTable('deliveries')
        .set({
          status: 'deferred',
          attempts: 12,
          error_code: 'SMTP_CONNECTION',
          last_run: 'earlier',
          next_attempt_at: 0,
        })
        .where('email', '=', 'drop@example.com')
        .execute();
      const summary = await harness.send({ throttleMs: 20 });
      expect(summary).toMatchObject({ sent: 6, failed: 1, deferred: 0 });
      expect(summary.fatal).toBeUndefined();
      // The earlier run's drop counts: two more in this run make three.
      expect(drops).toBe(2);
    }, 60_000);

    it('still calls the server unreachable, failing nobody, when every connection drops', async () => {
      sink = await startSmtpSink({ dropAfterData: () => true });
      harness = await createSendHarness(dialect, sink.url, { concurrency: 2, maxAttempts: 2 });
      await harness.store.importBatch(
        Array.from({ length: 8 }, (_, i) => subscriber(`r${i}@example.com`, 'en')),
      );
      const summary = await harness.send({ throttleMs: 20, maxConnectionRounds: 3 });
      expect(summary.fatal?.message).toMatch(/SMTP server unreachable: .*no recipient got an answer/);
      expect(summary.failed).toBe(0);
      expect((await harness.ledger.counts(scope)).failed).toBe(0);
    }, 60_000);
  });
});
