import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { GazetteError } from '../errors.ts';
import { isGazetteError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import { classifySmtpError, isTransient } from '../mail/classify-smtp-error.ts';
import type { DigestRenderer } from './digest-renderer.ts';
import type { SegmentCache } from './create-segment-cache.ts';
import type { Delivery, Ledger } from './ledger.ts';
import type { SubscriberSource, TokenFor } from './subscriber-source.ts';
import { composeMail } from './compose-mail.ts';
import { createRateLimiter, sleep } from './create-rate-limiter.ts';
import { retryDelay } from './retry-delay.ts';

/** What happened to one recipient (for progress and log lines). */
export type DeliveryEvent =
  | { type: 'sent'; email: string; messageId: string; response: string }
  | { type: 'deferred'; email: string; code: string; response: string; retryAt: number }
  | { type: 'failed'; email: string; code: string; response: string; bounced: boolean }
  | { type: 'skipped'; email: string; reason: string }
  | { type: 'paused'; reason: string }
  | { type: 'waiting'; untilMs: number };

export interface DeliverDeps {
  ledger: Ledger;
  source: SubscriberSource;
  mailer: Mailer;
  renderer: DigestRenderer;
  segments: SegmentCache;
  tokenFor: TokenFor;
}

export interface DeliverOptions {
  config: Config;
  list: ListConfig;
  edition: { date: string; advertising: boolean };
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
  leaseMs?: number;
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
  /** Set when a 5.7.x policy rejection stopped the send. */
  paused?: string;
}

/**
 * The worker loop: claim a batch, drop the recipients who left since planning, send with a
 * bound on messages in flight and on rate, and record each result as soon as it is known.
 */
export async function deliver(deps: DeliverDeps, options: DeliverOptions): Promise<DeliverResult> {
  const scope = { edition: options.edition.date, listId: options.list.id };
  const result: DeliverResult = { sent: 0, failed: 0, skipped: 0, deferrals: 0 };
  const emit = options.onEvent ?? (() => {});
  const rate = createRateLimiter(options.ratePerSecond);
  const retryBaseMs = options.retryBaseMs ?? 2000;
  const maxRetryWaitMs = options.maxRetryWaitMs ?? 60_000;
  const batch = Math.min(100, Math.max(10, options.concurrency * 4));
  const queue: Delivery[] = [];
  let stopped = false;
  let refilling: Promise<boolean> | undefined;
  const stop = () => {
    stopped = true;
  };
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();

  await deps.ledger.releaseDeadOwners(scope);

  const next = async (): Promise<Delivery | undefined> => {
    // Bounded: each round returns a row, ends, or waits for a retry whose per-run count grows.
    for (;;) {
      if (stopped) return undefined;
      const row = queue.shift();
      if (row) return row;
      refilling ??= refill().finally(() => {
        refilling = undefined;
      });
      if (!(await refilling)) return undefined;
    }
  };

  const refill = async (): Promise<boolean> => {
    const rows = await deps.ledger.claim(scope, {
      owner: options.owner,
      runId: options.runId,
      limit: batch,
      leaseMs: options.leaseMs ?? 10 * 60_000,
      maxAttempts: options.maxAttempts,
    });
    if (rows.length === 0) {
      const due = await deps.ledger.nextRetryAt(scope, options.runId, options.maxAttempts);
      if (due === undefined || due - Date.now() > maxRetryWaitMs) return false;
      emit({ type: 'waiting', untilMs: due });
      await sleep(Math.max(20, due - Date.now()), options.signal);
      return true;
    }
    // An unsubscribe between planning and sending wins.
    const active = await stillWanted(deps.source, rows, options.list.id, options.edition.advertising);
    const gone = rows.filter((row) => !active.has(row.id));
    await deps.ledger.skipped(
      gone.map((row) => row.id),
      'no longer subscribed',
    );
    for (const row of gone) {
      result.skipped++;
      emit({ type: 'skipped', email: row.email, reason: 'no longer subscribed' });
    }
    const wanted = rows.filter((row) => active.has(row.id));
    if (stopped) await deps.ledger.release(wanted.map((row) => row.id));
    else queue.push(...wanted);
    return true;
  };

  const attempt = async (row: Delivery): Promise<void> => {
    const rendered = await deps.segments.render(row.segment);
    if (!rendered) {
      await deps.ledger.skipped([row.id], 'nothing in the edition for this segment');
      result.skipped++;
      emit({ type: 'skipped', email: row.email, reason: 'empty segment' });
      return;
    }
    const token = deps.tokenFor({ uid: row.subscriber_ref });
    const digest = deps.renderer.personalize(rendered, { token, name: row.name ?? undefined });
    let info;
    try {
      const mail = composeMail({
        config: options.config,
        list: options.list,
        edition: options.edition,
        recipient: { subscriberId: row.subscriber_id, email: row.email },
        digest,
        unsubscribeUrl: deps.renderer.unsubscribeUrl(token),
      });
      info = await deps.mailer.send(mail);
    } catch (caught) {
      await recordFailure(row, isGazetteError(caught) ? caught : classifySmtpError(caught, row.email));
      return;
    }
    await deps.ledger.sent(row.id, info);
    result.sent++;
    emit({ type: 'sent', email: row.email, messageId: info.messageId, response: info.response });
  };

  const recordFailure = async (row: Delivery, error: GazetteError): Promise<void> => {
    const response = String(error.context.smtpResponse ?? error.message);
    if (isTransient(error) || error.code === 'SMTP_POLICY') {
      const retryAt = Date.now() + retryDelay(row.attempts + 1, retryBaseMs);
      await deps.ledger.deferred(row.id, {
        runId: options.runId,
        nextAttemptAt: retryAt,
        code: error.code,
        response,
      });
      result.deferrals++;
      emit({ type: 'deferred', email: row.email, code: error.code, response, retryAt });
      if (error.code === 'SMTP_POLICY' && !stopped) {
        // A policy rejection (5.7.x) usually hits every message alike: stop and let a person look.
        result.paused = response;
        stopped = true;
        emit({ type: 'paused', reason: response });
      }
      return;
    }
    // 5xx and refused header values: final, never retried.
    const bounced = /\b5\.1\.\d+/.test(response);
    await deps.ledger.failed(row.id, { code: error.code, response });
    if (bounced) await deps.source.markBounced(Number(row.subscriber_id));
    result.failed++;
    emit({ type: 'failed', email: row.email, code: error.code, response, bounced });
  };

  const worker = async (): Promise<void> => {
    for (let row = await next(); row; row = await next()) {
      await rate.wait(options.signal);
      if (stopped) {
        queue.unshift(row);
        return;
      }
      await attempt(row);
    }
  };

  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await refilling?.catch(() => false);
    // Claimed but never attempted: open them again now rather than after the lease.
    await deps.ledger.release(queue.splice(0).map((row) => row.id));
  }
  return result;
}

/** The claimed rows whose subscriber may still get this edition: active, on the list, consenting. */
async function stillWanted(
  source: SubscriberSource,
  rows: Delivery[],
  listId: string,
  advertising: boolean,
): Promise<Set<number>> {
  // One look-up for the whole batch, not one query per row.
  const found = await source.findByUids(rows.map((row) => row.subscriber_ref));
  const current = new Map(found.map((subscriber) => [subscriber.uid, subscriber]));
  const wanted = new Set<number>();
  for (const row of rows) {
    const subscriber = current.get(row.subscriber_ref);
    if (
      subscriber !== undefined &&
      subscriber.status === 'active' &&
      subscriber.lists.includes(listId) &&
      (!advertising || subscriber.adConsent)
    ) {
      wanted.add(row.id);
    }
  }
  return wanted;
}
