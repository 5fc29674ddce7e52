import { compileOnce } from '../db/compile-once.ts';
import type { Database } from '../db/create-database.ts';
import { handedBack } from './handed-back.ts';
import type { Ledger } from './ledger.ts';
import type { DeliveryTables } from './tables.ts';

export type LedgerReleases = Pick<
  Ledger,
  'held' | 'nextRelease' | 'nextLeaseEnd' | 'openEditions' | 'supersede' | 'hold'
>;

/** Why a superseded row was closed: kept in its `response` for the operator. */
export const SUPERSEDED = 'superseded';

/**
 * Rows held until their reader's hour (`not_before`, see tables.ts): how many wait, when the
 * next is due, and the rule that no reader gets a day's edition after the next day's.
 */
export function createLedgerReleases(database: Database<DeliveryTables>): LedgerReleases {
  const { db } = database;
  // A `deliverAt` list's claims give back the readers whose hour is still to come: per batch.
  const holdRows = compileOnce(
    db,
    (p: { ids: readonly number[]; notBefore: number; owner: string; now: number }) =>
      db
        .updateTable('deliveries')
        .set({ status: 'pending', not_before: p.notBefore, ...handedBack(p.now) })
        .where('id', 'in', p.ids)
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', p.owner),
  );
  return {
    async held(scope, now) {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('not_before').as('next')])
        .where('edition', '=', scope.edition)
        .where('list_id', '=', scope.listId)
        .where('status', '=', 'pending')
        .where('not_before', '>', now)
        .executeTakeFirst();
      const count = Number(row?.n ?? 0);
      return { count, next: count > 0 && row?.next != null ? Number(row.next) : undefined };
    },

    async nextRelease(after) {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.min('not_before').as('next'))
        .where('status', '=', 'pending')
        .where('not_before', '>', after)
        .executeTakeFirst();
      return row?.next == null ? undefined : Number(row.next);
    },

    async nextLeaseEnd(after) {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.min('lease_until').as('next'))
        .where('status', '=', 'claimed')
        .where('lease_until', '>', after)
        .executeTakeFirst();
      return row?.next == null ? undefined : Number(row.next);
    },

    async openEditions(listId, before) {
      const rows = await db
        .selectFrom('deliveries')
        .select('edition')
        .distinct()
        .where('list_id', '=', listId)
        .where('edition', '<', before)
        .where('status', 'in', ['pending', 'deferred', 'claimed'])
        .orderBy('edition')
        .execute();
      return rows.map((row) => row.edition);
    },

    async supersede(listId, edition, now) {
      // One statement: a reader whose copy of `edition` has been released gets no older one.
      const result = await db
        .updateTable('deliveries')
        .set({
          status: 'skipped',
          response: `${SUPERSEDED} by the edition of ${edition}, released first`,
          error_code: 'SUPERSEDED',
          ...handedBack(),
        })
        .where('list_id', '=', listId)
        .where('edition', '<', edition)
        .where((eb) =>
          eb.or([
            eb('status', 'in', ['pending', 'deferred']),
            // A dead worker's row; a live worker's (lease still running) is left to it.
            eb.and([eb('status', '=', 'claimed'), eb('lease_until', '<', Date.now())]),
          ]),
        )
        .where('subscriber_id', 'in', (eb) =>
          eb
            .selectFrom('deliveries as newer')
            .select('newer.subscriber_id')
            .where('newer.list_id', '=', listId)
            .where('newer.edition', '=', edition)
            .where('newer.not_before', '<=', now),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async hold(rows, owner) {
      // Grouped by instant: one statement per distinct hour, not per row.
      const byInstant = new Map<number, number[]>();
      for (const row of rows) {
        const ids = byInstant.get(row.notBefore) ?? [];
        ids.push(row.id);
        byInstant.set(row.notBefore, ids);
      }
      for (const [notBefore, ids] of byInstant) {
        await holdRows({ ids, notBefore, owner, now: Date.now() });
      }
    },
  };
}
