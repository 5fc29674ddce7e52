import type { SegmentCache } from './create-segment-cache.ts';
import { sleep } from './create-rate-limiter.ts';
import type { DeliveryEvent } from './delivery-event.ts';
import type { Delivery, Ledger, LedgerScope } from './ledger.ts';
import { createLeaseKeeper } from './create-lease-keeper.ts';
import { stillWanted } from './still-wanted.ts';
import type { SubscriberSource } from './subscriber-source.ts';

/** The rows this run has claimed and not finished, shared by its workers. */
export interface ClaimQueue {
  /** The next row to attempt; undefined when there is nothing left for this run or the signal has aborted. */
  next(): Promise<Delivery | undefined>;
  /**
   * Right before the attempt: true when the row is still ours with at least half a lease left;
   * false when another worker has taken it meanwhile (this process stalled): then skip it.
   */
  ready(row: Delivery): Promise<boolean>;
  /** The attempt is over, whatever its outcome: the lease need not be kept any more. */
  finished(row: Delivery): void;
  /** A row taken but not attempted (the run is stopping): `close` gives it back. */
  giveBack(row: Delivery): void;
  /** Stop keeping leases and give back every row claimed but not started (after the workers are done). */
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
  const leases = createLeaseKeeper(ledger, owner, options.leaseMs);

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
        options.emit({
          type: 'skipped',
          subscriberId: row.subscriber_id,
          email: row.email,
          reason: 'no longer subscribed',
        });
    }
    const wanted = rows.filter((row) => active.has(row.id));
    if (signal.aborted) await ledger.release(ids(wanted), owner);
    else {
      leases.hold(wanted);
      queue.push(...wanted);
    }
    return true;
  };

  return {
    async next() {
      // Bounded: each round hands out a row, ends, or waits for a retry whose per-run count grows.
      for (;;) {
        if (signal.aborted) return undefined;
        const row = queue.shift();
        if (row) return row;
        refilling ??= refill().finally(() => {
          refilling = undefined;
        });
        if (!(await refilling)) return undefined;
      }
    },
    async ready(row) {
      if (await leases.check(row.id)) return true;
      leases.drop(row.id);
      return false;
    },
    finished(row) {
      leases.drop(row.id);
    },
    giveBack(row) {
      queue.unshift(row);
    },
    async close() {
      await refilling?.catch(() => false);
      leases.stop();
      // Claimed but never attempted: open them again now rather than after the lease.
      await ledger.release(ids(queue.splice(0)), owner);
    },
  };
}

function ids(rows: Delivery[]): number[] {
  return rows.map((row) => row.id);
}
