import type { Delivery, Ledger } from './ledger.ts';

/**
 * Keeps the leases of the rows a run holds (queued or in flight) alive while it runs: every
 * third of a lease one statement renews them all, so only a dead or stalled process loses its
 * rows. A row another worker took meanwhile is marked lost and never attempted here.
 */
export interface LeaseKeeper {
  hold(rows: readonly Delivery[]): void;
  /** The row was finished or given back. */
  drop(id: number): void;
  /** Right before an attempt: the row is still ours with at least half a lease left (renewed if needed). */
  check(id: number): Promise<boolean>;
  stop(): void;
}

export function createLeaseKeeper(ledger: Ledger, owner: string, leaseMs: number): LeaseKeeper {
  const until = new Map<number, number>();
  let renewing: Promise<void> | undefined;

  const renew = async (ids: number[]): Promise<void> => {
    if (ids.length === 0) return;
    const renewed = await ledger.renew(ids, owner, leaseMs);
    const kept = new Set(renewed.ids);
    for (const id of ids) {
      if (!until.has(id)) continue;
      if (kept.has(id)) until.set(id, renewed.leaseUntil);
      else until.set(id, Number.NEGATIVE_INFINITY);
    }
  };
  const timer = setInterval(() => {
    // A failed renewal is not fatal: the result writes check ownership, and the next tick retries.
    renewing ??= renew([...until.keys()])
      .catch(() => {})
      .finally(() => {
        renewing = undefined;
      });
  }, leaseMs / 3);
  timer.unref();

  return {
    hold(rows) {
      for (const row of rows) until.set(row.id, Number(row.lease_until));
    },
    drop(id) {
      until.delete(id);
    },
    async check(id) {
      const leaseUntil = until.get(id);
      if (leaseUntil === undefined || leaseUntil === Number.NEGATIVE_INFINITY) return false;
      if (leaseUntil - Date.now() >= leaseMs / 2) return true;
      await renew([id]);
      return (until.get(id) ?? Number.NEGATIVE_INFINITY) - Date.now() >= leaseMs / 2;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
