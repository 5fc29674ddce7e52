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
  /** Retries due within this long are waited for in the run (see create-claim-queue.ts). */
  maxRetryWaitMs: number;
  /** `send.maxAttempts`: connection failures in a row after which one recipient's row fails. */
  maxAttempts: number;
  /** This run's connection failures in a row per ledger row id, and when the streak began. */
  connectionStreaks: Map<number, { count: number; since: number }>;
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
    emit({
      type: 'failed',
      subscriberId: row.subscriber_id,
      email: row.email,
      code: caught.code,
      response,
      bounced,
    });
    return;
  }
  const gate = context.gate.failed(caught, startedAt);
  const streak = connectionStreak(context, row, caught.code, startedAt);
  if (
    streak !== undefined &&
    streak.count >= context.maxAttempts &&
    context.gate.answeredSince(streak.since)
  ) {
    // The server answers others but drops every connection that carries this message (one
    // recipient's mail it cannot take, a filter that kills the session): retrying it forever
    // would only stall every run. Only when nobody gets an answer is the server unreachable.
    context.connectionStreaks.delete(row.id);
    const reason =
      `the connection dropped on ${streak.count} attempts in a row to this recipient while the server ` +
      `answered others (${response})`;
    if (await ledger.failed(row.id, owner, { code: caught.code, response: reason })) {
      emit({
        type: 'failed',
        subscriberId: row.subscriber_id,
        email: row.email,
        code: caught.code,
        response: reason,
        bounced: false,
      });
    } else {
      emit({ type: 'lost', subscriberId: row.subscriber_id, email: row.email, outcome: 'failed' });
    }
  } else {
    const delay =
      streak === undefined
        ? retryDelay(row.attempts + 1, context.retryBaseMs)
        : retryDelay(streak.count, context.retryBaseMs, context.maxRetryWaitMs / 2);
    const retryAt = Date.now() + delay;
    const result = { runId: context.runId, nextAttemptAt: retryAt, code: caught.code, response };
    if (await ledger.deferred(row.id, owner, result)) {
      emit({
        type: 'deferred',
        subscriberId: row.subscriber_id,
        email: row.email,
        code: caught.code,
        response,
        retryAt,
      });
    } else {
      emit({ type: 'lost', subscriberId: row.subscriber_id, email: row.email, outcome: 'deferred' });
    }
  }
  if (gate.unreachable) {
    const message =
      `SMTP server unreachable: connections kept failing and no recipient got an answer (${response}). ` +
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

/**
 * Count a connection failure against the row (undefined for any other failure, which ends its
 * streak). A row whose last recorded error, from an earlier run, was a connection failure starts
 * at one: the count carries over runs without a column of its own, and the streak's start is
 * this run's first attempt, so an answer to someone else must come after it.
 */
function connectionStreak(
  context: FailureContext,
  row: Delivery,
  code: string,
  startedAt: number,
): { count: number; since: number } | undefined {
  if (code !== 'SMTP_CONNECTION') {
    context.connectionStreaks.delete(row.id);
    return undefined;
  }
  const streak = context.connectionStreaks.get(row.id) ?? {
    count: row.error_code === 'SMTP_CONNECTION' && row.last_run !== context.runId ? 1 : 0,
    since: startedAt,
  };
  streak.count++;
  context.connectionStreaks.set(row.id, streak);
  return streak;
}

function describe(caught: unknown): { code: string; message: string } {
  if (caught instanceof GazetteError) return { code: caught.code, message: caught.message };
  const error = caught as NodeJS.ErrnoException;
  return { code: error.code ?? 'UNEXPECTED', message: error.message ?? String(caught) };
}
