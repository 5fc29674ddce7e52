import { GazetteError, isGazetteError } from '../errors.ts';
import type { SmtpGate } from './create-smtp-gate.ts';
import type { DeliveryEvent } from './delivery-event.ts';
import type { Delivery, Ledger } from './ledger.ts';
import { retryDelay } from './retry-delay.ts';
import type { SubscriberSource } from './subscriber-source.ts';

export interface FailureContext {
  ledger: Ledger;
  source: SubscriberSource;
  gate: SmtpGate;
  owner: string;
  runId: string;
  retryBaseMs: number;
  emit: (event: DeliveryEvent) => void;
  /** Stop every worker: the run failed (said once, by the first caller). */
  halt(fatal: { code: string; message: string }): void;
  /** Stop every worker: a person must look (unless the run is stopping anyway). */
  pause(reason: string): void;
}

/** The server's verdicts on one message; anything else is about the whole send. */
const VERDICTS: ReadonlySet<string> = new Set([
  'SMTP_TRANSIENT',
  'SMTP_CONNECTION',
  'SMTP_POLICY',
  'SMTP_PERMANENT',
]);

/**
 * Record why one message did not go: 5xx is final (a 5.1.x also marks the subscriber
 * bounced), 4xx and no answer are deferred, 5.7.x is deferred and pauses the send. Any other
 * error (a refused header value, failed authentication, a bug) would hit every recipient
 * alike: the row is given back untouched and the send stops with that error.
 */
export async function recordFailure(
  context: FailureContext,
  row: Delivery,
  caught: unknown,
  startedAt: number,
): Promise<void> {
  const { ledger, owner, emit } = context;
  if (!isGazetteError(caught) || !VERDICTS.has(caught.code)) {
    await ledger.release([row.id], owner);
    context.halt(describe(caught));
    return;
  }
  const response = String(caught.context.smtpResponse ?? caught.message);
  if (caught.code === 'SMTP_PERMANENT') {
    const bounced = /\b5\.1\.\d+/.test(response);
    if (!(await ledger.failed(row.id, owner, { code: caught.code, response }))) {
      emit({ type: 'lost', subscriberId: row.subscriber_id, email: row.email, outcome: 'failed' });
      return;
    }
    if (bounced) await context.source.markBounced(Number(row.subscriber_id));
    emit({ type: 'failed', subscriberId: row.subscriber_id, email: row.email, code: caught.code, response, bounced });
    return;
  }
  const retryAt = Date.now() + retryDelay(row.attempts + 1, context.retryBaseMs);
  const result = { runId: context.runId, nextAttemptAt: retryAt, code: caught.code, response };
  if (await ledger.deferred(row.id, owner, result)) {
    emit({ type: 'deferred', subscriberId: row.subscriber_id, email: row.email, code: caught.code, response, retryAt });
  } else {
    emit({ type: 'lost', subscriberId: row.subscriber_id, email: row.email, outcome: 'deferred' });
  }
  const gate = context.gate.failed(caught, startedAt);
  if (gate.unreachable) {
    const message =
      `SMTP server unreachable: connections kept failing with no message through (${response}). ` +
      'Check SMTP_URL and that the server is up, then run the same command again.';
    context.halt({ code: caught.code, message });
  } else if (gate.pausedUntil !== undefined) {
    emit({ type: 'throttled', untilMs: gate.pausedUntil, response });
  }
  if (caught.code === 'SMTP_POLICY') {
    // A policy rejection (5.7.x) usually hits every message alike: stop and let a person look.
    context.pause(response);
  }
}

function describe(caught: unknown): { code: string; message: string } {
  if (caught instanceof GazetteError) return { code: caught.code, message: caught.message };
  const error = caught as NodeJS.ErrnoException;
  return { code: error.code ?? 'UNEXPECTED', message: error.message ?? String(caught) };
}
