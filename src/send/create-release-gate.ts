import type { Ledger } from './ledger.ts';
import { releaseInstant } from './release-instant.ts';
import type { SubscriberSource } from './subscriber-source.ts';

/**
 * The ledger as a `deliverAt` list's worker sees it: claims take only rows whose reader's hour
 * has come by `now()` (the clock `--now` moves), and a reader who moved to a zone whose hour is
 * still to come is given back to wait for it. The row stays the same one, so a reader whose
 * zone changes between planning and release still gets one copy.
 */
export function createReleaseGate(
  ledger: Ledger,
  source: Pick<SubscriberSource, 'findByUids'>,
  options: { deliverAt: string; timeZone: string; now: () => number },
): Ledger {
  return {
    ...ledger,
    async claim(scope, claimOptions) {
      // Bounded: a row given back waits for an instant after `releasedBy`, so it is not taken again.
      for (let round = 0; round < 100; round++) {
        const releasedBy = options.now();
        const rows = await ledger.claim(scope, { ...claimOptions, releasedBy });
        if (rows.length === 0) return rows;
        const current = new Map(
          (await source.findByUids(rows.map((row) => row.subscriber_ref))).map((s) => [s.uid, s]),
        );
        const later: { id: number; notBefore: number }[] = [];
        for (const row of rows) {
          const reader = current.get(row.subscriber_ref);
          // Gone readers are the claim queue's to skip; only a zone still ahead is waited for.
          if (reader === undefined) continue;
          const at = releaseInstant(scope.edition, options.deliverAt, reader.timeZone ?? options.timeZone);
          if (at > releasedBy) later.push({ id: row.id, notBefore: at });
        }
        if (later.length === 0) return rows;
        await ledger.hold(later, claimOptions.owner);
        const heldIds = new Set(later.map((row) => row.id));
        const ready = rows.filter((row) => !heldIds.has(row.id));
        if (ready.length > 0) return ready;
      }
      return [];
    },
  };
}
