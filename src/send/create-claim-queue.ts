import type { SegmentCache } from './create-segment-cache.ts';
import { sleep } from './create-rate-limiter.ts';
import type { DeliveryEvent } from './delivery-event.ts';
import type { Delivery, Ledger, LedgerScope } from './ledger.ts';
import { stillWanted } from './still-wanted.ts';
import type { SubscriberSource } from './subscriber-source.ts';

/** The rows this run holds and has not started yet, shared by its workers. */
export interface ClaimQueue {
  /**
   * The next row to attempt, with at least half a lease left (the queue renews leases that
   * run low); undefined when there is nothing left for this run or the signal has aborted.
   */
  next(): Promise<Delivery | undefined>;
  /** Give back every row claimed but not started (after the workers are done). */
  close(): Promise<void>;
}

export interface ClaimQueueOptions {
  scope: LedgerScope;
  owner: string;
  runId: string;
  /** Rows per claim. */
  limit: number;
  leaseMs: number;
  maxAttempts: number;
  /** Wait within the run for a retry due no later than this; later ones are left to the next run. */
  maxRetryWaitMs: number;
  signal: AbortSignal;
  emit: (event: DeliveryEvent) => void;
}

/**
 * Claim batches on demand, drop the recipients who left since planning (an unsubscribe
 * between planning and sending wins) and hand rows out one at a time.
 */
export function createClaimQueue(
  deps: { ledger: Ledger; source: SubscriberSource; segments: SegmentCache },
  options: ClaimQueueOptions,
): ClaimQueue {
  const { ledger } = deps;
  const { scope, owner, signal } = options;
  const queue: Delivery[] = [];
  let refilling: Promise<boolean> | undefined;
  let renewing: Promise<void> | undefined;

  const refill = async (): Promise<boolean> => {
    const rows = await ledger.claim(scope, {
      owner,
      runId: options.runId,
      limit: options.limit,
      leaseMs: options.leaseMs,
      maxAttempts: options.maxAttempts,
    });
    if (rows.length === 0) {
      const due = await ledger.nextRetryAt(scope, options.runId, options.maxAttempts);
      if (due === undefined || due - Date.now() > options.maxRetryWaitMs) return false;
      options.emit({ type: 'waiting', untilMs: due });
      await sleep(Math.max(20, due - Date.now()), signal);
      return true;
    }
    const advertising = (segment: string) => deps.segments.share(segment).edition.advertising;
    const active = await stillWanted(deps.source, rows, scope.listId, advertising);
    const gone = rows.filter((row) => !active.has(row.id));
    const closed = await ledger.skipped(
      gone.map((row) => row.id),
      owner,
      'no longer subscribed',
    );
    for (const row of gone) {
      if (closed.has(row.id))
        options.emit({ type: 'skipped', email: row.email, reason: 'no longer subscribed' });
    }
    const wanted = rows.filter((row) => active.has(row.id));
    if (signal.aborted) await ledger.release(ids(wanted), owner);
    else queue.push(...wanted);
    return true;
  };

  // One statement renews every queued row; rows another worker has taken meanwhile are dropped.
  const renew = async (): Promise<void> => {
    const renewed = await ledger.renew(ids(queue), owner, options.leaseMs);
    const kept = new Set(renewed.ids);
    const rows = queue.splice(0).filter((row) => kept.has(row.id));
    queue.push(...rows.map((row) => ({ ...row, lease_until: renewed.leaseUntil })));
  };

  return {
    async next() {
      // Bounded: each round hands out a row, ends, renews (which never keeps a row's lease
      // low), or waits for a retry whose per-run count grows.
      for (;;) {
        if (signal.aborted) return undefined;
        const row = queue[0];
        if (row) {
          if (Number(row.lease_until) - Date.now() >= options.leaseMs / 2) return queue.shift();
          renewing ??= renew().finally(() => {
            renewing = undefined;
          });
          await renewing;
          continue;
        }
        refilling ??= refill().finally(() => {
          refilling = undefined;
        });
        if (!(await refilling)) return undefined;
      }
    },
    async close() {
      await Promise.allSettled([refilling, renewing]);
      // Claimed but never attempted: open them again now rather than after the lease.
      await ledger.release(ids(queue.splice(0)), owner);
    },
  };
}

function ids(rows: Delivery[]): number[] {
  return rows.map((row) => row.id);
}
