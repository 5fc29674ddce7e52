import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import type { DeliveryEvent } from '../../src/send/deliver.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { DATE, subscriber } from './send-fixture.ts';
import { createSendHarness } from './send-harness.ts';
import type { SendHarness } from './send-harness.ts';

const scope = { edition: DATE, listId: 'daily' };
const readers = (n: number) =>
  Array.from({ length: n }, (_, i) => subscriber(`reader${i}@example.com`, 'en'));

describe.each(DIALECTS)('SMTP backoff on $name', (dialect) => {
  let sink: SmtpSink | undefined;
  let harness: SendHarness;
  afterEach(async () => {
    await harness.cleanup();
    await sink?.close();
    sink = undefined;
  });

  describe.skipIf(!dialect.available)('', () => {
    it('after a 451 4.7.x every worker waits, instead of each message trying again alone', async () => {
      // The server says "slow down" to everything for 600 ms after the first message.
      let throttledUntil = 0;
      const attempts: number[] = [];
      sink = await startSmtpSink({
        onRecipient: () => {
          const now = Date.now();
          attempts.push(now);
          if (throttledUntil === 0) throttledUntil = now + 600;
          return now < throttledUntil
            ? { code: 451, message: '4.7.500 Server busy, please try again later' }
            : undefined;
        },
      });
      harness = await createSendHarness(dialect, sink.url, { concurrency: 4 });
      await harness.store.importBatch(readers(40));
      const events: DeliveryEvent[] = [];
      const summary = await harness.send({ throttleMs: 150, onEvent: (_list, event) => events.push(event) });
      const whileThrottled = attempts.filter((time) => time < throttledUntil).length;
      // Pauses of 150, 300 and 600 ms: about three rounds of 4 (before: all 40, each deferring alone).
      expect(whileThrottled).toBeLessThan(20);
      expect(events.some((event) => event.type === 'throttled')).toBe(true);
      expect(summary).toMatchObject({ sent: 40, failed: 0 });
      expect(new Set(sink.received.map((m) => m.envelope.to[0])).size).toBe(40);
    });

    it('stops the run (fatal, nobody failed) when the server cannot be reached several times in a row', async () => {
      harness = await createSendHarness(dialect, 'smtp://127.0.0.1:1');
      await harness.store.importBatch(readers(12));
      const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:1', pool: 2 });
      try {
        let deferrals = 0;
        const summary = await harness.send(
          {
            throttleMs: 20,
            maxConnectionRounds: 3,
            onEvent: (_list, event) => void (event.type === 'deferred' && deferrals++),
          },
          { mailer },
        );
        expect(summary.fatal?.code).toBe('SMTP_CONNECTION');
        expect(summary.fatal?.message).toMatch(/^SMTP server unreachable: .*Check SMTP_URL/);
        expect(summary).toMatchObject({ sent: 0, failed: 0 });
        const counts = await harness.ledger.counts(scope);
        expect(counts).toMatchObject({ failed: 0, claimed: 0, sent: 0 });
        expect(counts.pending + counts.deferred).toBe(12);
        // Three rounds of at most four in flight, not every reader tried maxAttempts (4) times.
        expect(deferrals).toBeLessThanOrEqual(12);
      } finally {
        await mailer.close();
      }
    });
  });
});
