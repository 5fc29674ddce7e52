import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SentInfo } from '../mail/outgoing-mail.ts';
import type { DigestRenderer } from './digest-renderer.ts';
import type { SegmentCache } from './create-segment-cache.ts';
import type { DeliveryEvent } from './delivery-event.ts';
import type { Delivery, Ledger } from './ledger.ts';
import type { MailtoFor, SubscriberSource, TokenFor } from './subscriber-source.ts';
import { composeMail } from './compose-mail.ts';
import { createClaimQueue } from './create-claim-queue.ts';
import { createRateLimiter } from './create-rate-limiter.ts';
import { createSmtpGate } from './create-smtp-gate.ts';
import { recordFailure } from './record-failure.ts';

export type { DeliveryEvent } from './delivery-event.ts';

export interface DeliverDeps {
  ledger: Ledger;
  source: SubscriberSource;
  mailer: Mailer;
  renderer: DigestRenderer;
  segments: SegmentCache;
  tokenFor: TokenFor;
  /** Issue 14: the per-recipient List-Unsubscribe mailto; absent, config.unsubscribeMailto. */
  mailtoFor?: MailtoFor;
}

export interface DeliverOptions {
  config: Config;
  list: ListConfig;
  /** Edition date, `YYYY-MM-DD`. Advertising is decided per segment (its share of the edition). */
  date: string;
  runId: string;
  owner: string;
  /** Messages in flight at once. */
  concurrency: number;
  /** Messages started per second; 0 = unlimited. */
  ratePerSecond: number;
  /** Attempts per deferred message within one run; the next run tries again. */
  maxAttempts: number;
  /** First retry delay; doubles with each attempt. */
  retryBaseMs?: number;
  /** Wait within the run for a retry due no later than this; later ones are left to the next run. */
  maxRetryWaitMs?: number;
  /** Default: `send.leaseSeconds` of the config. */
  leaseMs?: number;
  /** First pause of every worker after a connection failure or a throttling reply; doubles. */
  throttleMs?: number;
  /** Connection failures in a row (one per pause) after which the server counts as unreachable. */
  maxConnectionRounds?: number;
  signal?: AbortSignal;
  onEvent?: (event: DeliveryEvent) => void;
}

/** This run's share of the work (other workers keep their own). */
export interface DeliverResult {
  sent: number;
  failed: number;
  skipped: number;
  /** Deferrals, counting each retry. */
  deferrals: number;
  /** Results not written because this run's lease on the row had run out (see Ledger). */
  lost: number;
  /** Set when a 5.7.x policy rejection stopped the send. */
  paused?: string;
  /** Set when an error that would hit every message alike stopped the send (nothing marked failed). */
  fatal?: { code: string; message: string };
}

/**
 * The worker loop: claim a batch, drop the recipients who left since planning, send with a
 * bound on messages in flight and on rate, and record each result as soon as it is known.
 * An unexpected error (the database, a bug) stops every worker; the attempts in flight finish
 * and are recorded, the rows not started are given back, then the error is rethrown.
 */
export async function deliver(deps: DeliverDeps, options: DeliverOptions): Promise<DeliverResult> {
  const scope = { edition: options.date, listId: options.list.id };
  const result: DeliverResult = { sent: 0, failed: 0, skipped: 0, deferrals: 0, lost: 0 };
  const emit = (event: DeliveryEvent) => {
    tally(result, event);
    options.onEvent?.(event);
  };
  const leaseMs = options.leaseMs ?? options.config.send.leaseSeconds * 1000;
  // Our own signal: SIGTERM, a policy pause, a fatal error and a crash all stop every worker.
  const control = new AbortController();
  const stop = () => control.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();
  const { signal } = control;
  let crash: { error: unknown } | undefined;

  const rate = createRateLimiter(options.ratePerSecond);
  const gate = createSmtpGate({
    pauseMs: options.throttleMs ?? 1000,
    maxPauseMs: 30_000,
    maxConnectionRounds: options.maxConnectionRounds ?? 6,
  });
  const queue = createClaimQueue(deps, {
    scope,
    owner: options.owner,
    runId: options.runId,
    limit: claimLimit(options.concurrency, options.ratePerSecond, leaseMs),
    leaseMs,
    maxAttempts: options.maxAttempts,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
    signal,
    emit,
  });
  const failure = {
    ledger: deps.ledger,
    source: deps.source,
    gate,
    owner: options.owner,
    runId: options.runId,
    retryBaseMs: options.retryBaseMs ?? 2000,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 60_000,
    maxAttempts: options.maxAttempts,
    connectionStreaks: new Map<number, { count: number; since: number }>(),
    emit,
    halt: (fatal: { code: string; message: string }) => {
      if (result.fatal === undefined) emit({ type: 'fatal', ...fatal });
      result.fatal ??= fatal;
      stop();
    },
    pause: (reason: string) => {
      if (signal.aborted) return;
      result.paused = reason;
      emit({ type: 'paused', reason });
      stop();
    },
  };

  const attempt = async (row: Delivery): Promise<void> => {
    const startedAt = Date.now();
    const { edition } = deps.segments.share(row.segment);
    const rendered = await deps.segments.render(row.segment);
    if (!rendered) {
      const closed = await deps.ledger.skipped(
        [row.id],
        options.owner,
        'nothing in the edition for this segment',
      );
      if (closed.size > 0)
        emit({ type: 'skipped', subscriberId: row.subscriber_id, email: row.email, reason: 'empty segment' });
      return;
    }
    const token = deps.tokenFor({ uid: row.subscriber_ref });
    const digest = deps.renderer.personalize(rendered, { token, name: row.name ?? undefined });
    let info: SentInfo;
    try {
      const mail = composeMail({
        config: options.config,
        list: options.list,
        edition: { date: options.date, advertising: edition.advertising },
        recipient: { subscriberId: row.subscriber_id, email: row.email },
        digest,
        unsubscribeUrl: deps.renderer.unsubscribeUrl(token),
        unsubscribeMailto: deps.mailtoFor?.({ uid: row.subscriber_ref }, options.list.id),
      });
      info = await deps.mailer.send(mail);
    } catch (caught) {
      await recordFailure(failure, row, caught, startedAt);
      return;
    }
    gate.passed();
    if (await deps.ledger.sent(row.id, options.owner, info)) {
      emit({
        type: 'sent',
        subscriberId: row.subscriber_id,
        email: row.email,
        messageId: info.messageId,
        response: info.response,
      });
    } else {
      emit({ type: 'lost', subscriberId: row.subscriber_id, email: row.email, outcome: 'sent' });
    }
  };

  const worker = async (): Promise<void> => {
    try {
      for (let taken = await queue.next(); taken; taken = await queue.next()) {
        await gate.wait(signal);
        await rate.wait(signal);
        if (signal.aborted) {
          queue.giveBack(taken);
          return;
        }
        try {
          if (await queue.ready(taken)) await attempt(taken);
        } finally {
          queue.finished(taken);
        }
      }
    } catch (error) {
      crash ??= { error };
      stop();
    }
  };

  await Promise.allSettled(Array.from({ length: options.concurrency }, worker));
  options.signal?.removeEventListener('abort', stop);
  try {
    await queue.close();
  } catch (error) {
    crash ??= { error };
  }
  if (crash) throw crash.error;
  return result;
}

/**
 * Rows per claim: never more than this run can start within half a lease at its rate, or a
 * row still queued here could be claimed again by another worker once the lease runs out.
 */
function claimLimit(concurrency: number, ratePerSecond: number, leaseMs: number): number {
  const batch = Math.min(100, Math.max(10, concurrency * 4));
  if (ratePerSecond <= 0) return batch;
  return Math.min(batch, Math.max(1, Math.floor((ratePerSecond * leaseMs) / 1000 / 2)));
}

function tally(result: DeliverResult, event: DeliveryEvent): void {
  if (event.type === 'sent') result.sent++;
  else if (event.type === 'failed') result.failed++;
  else if (event.type === 'skipped') result.skipped++;
  else if (event.type === 'deferred') result.deferrals++;
  else if (event.type === 'lost') result.lost++;
}
