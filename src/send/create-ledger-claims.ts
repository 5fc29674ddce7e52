import type { Database } from '../db/create-database.ts';
import { handedBack } from './handed-back.ts';
import type { DeliveryTables } from './tables.ts';
import type { Ledger } from './ledger.ts';

export type LedgerClaims = Pick<Ledger, 'claim' | 'renew' | 'release' | 'nextRetryAt'>;

/** Who holds which row: claiming, keeping and giving back leases. */
export function createLedgerClaims(database: Database<DeliveryTables>): LedgerClaims {
  const { db } = database;
  const CHUNK = 500;
  return {
    async claim(scope, options) {
      const now = Date.now();
      let pick = db
        .selectFrom('deliveries')
        .select('id')
        .where('edition', '=', scope.edition)
        .where('list_id', '=', scope.listId)
        .where((eb) =>
          eb.or([
            eb('status', '=', 'pending'),
            eb.and([
              eb('status', '=', 'deferred'),
              eb('next_attempt_at', '<=', now),
              eb.or([
                eb('last_run', 'is', null),
                eb('last_run', '!=', options.runId),
                eb('run_attempts', '<', options.maxAttempts),
              ]),
            ]),
            eb.and([eb('status', '=', 'claimed'), eb('lease_until', '<', now)]),
          ]),
        )
        .orderBy('id')
        .limit(options.limit);
      // PostgreSQL: concurrent workers skip each other's rows instead of waiting on them.
      // SQLite: one UPDATE statement takes the write lock first, so the claim is atomic as is.
      if (database.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
      const rows = await db
        .updateTable('deliveries')
        .set({
          status: 'claimed',
          claimed_by: options.owner,
          lease_until: now + options.leaseMs,
          updated_at: now,
        })
        .where('id', 'in', pick)
        .returningAll()
        .execute();
      // PostgreSQL returns bigint columns as strings.
      return rows.map((row) => ({ ...row, id: Number(row.id) })).sort((a, b) => a.id - b.id);
    },

    async renew(ids, owner, leaseMs) {
      const now = Date.now();
      if (ids.length === 0) return { ids: [], leaseUntil: now + leaseMs };
      const rows = await db
        .updateTable('deliveries')
        .set({ lease_until: now + leaseMs, updated_at: now })
        .where('id', 'in', ids)
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', owner)
        .returning('id')
        .execute();
      return { ids: rows.map((row) => Number(row.id)), leaseUntil: now + leaseMs };
    },

    async release(ids, owner) {
      for (let start = 0; start < ids.length; start += CHUNK) {
        await db
          .updateTable('deliveries')
          .set({ status: 'pending', ...handedBack() })
          .where('id', 'in', ids.slice(start, start + CHUNK))
          .where('status', '=', 'claimed')
          .where('claimed_by', '=', owner)
          .execute();
      }
    },

    async nextRetryAt(scope, runId, maxAttempts) {
      const row = await db
        .selectFrom('deliveries')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('edition', '=', scope.edition)
        .where('list_id', '=', scope.listId)
        .where('status', '=', 'deferred')
        .where((eb) =>
          eb.or([
            eb('last_run', 'is', null),
            eb('last_run', '!=', runId),
            eb('run_attempts', '<', maxAttempts),
          ]),
        )
        .executeTakeFirst();
      return row?.next == null ? undefined : Number(row.next);
    },
  };
}
