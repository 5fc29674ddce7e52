import type { Database } from '../db/create-database.ts';
import { handedBack } from './handed-back.ts';
import type { DeliveryStatus, DeliveryTables } from './tables.ts';
import type { ClaimOptions, Ledger, LedgerScope } from './ledger.ts';

export type LedgerClaims = Pick<Ledger, 'claim' | 'renew' | 'release' | 'nextRetryAt'>;

/** Who holds which row: claiming, keeping and giving back leases. */
export function createLedgerClaims(database: Database<DeliveryTables>): LedgerClaims {
  const { db } = database;
  const CHUNK = 500;
  // Per run and list, the highest id this run has claimed: its next claim of pending rows starts
  // there (see `claim`). Only a shortcut: a short claim looks again from the start.
  const cursors = new Map<string, number>();

  /** One atomic claim of up to `limit` open rows; pending ones only above `after`. */
  const take = async (scope: LedgerScope, options: ClaimOptions, after: number, limit: number) => {
    const now = Date.now();
    // One branch per kind of open row, each the `limit` lowest ids of its kind: each can walk
    // the claim index (edition, list, status, id) from its first row and stop after `limit`.
    // A single OR over the kinds could not use it: it walked the table in id order past every
    // row already sent or held, so each claim cost more as the send went on.
    const open = (status: DeliveryStatus) => {
      const branch = db
        .selectFrom('deliveries')
        .select('id')
        .where('edition', '=', scope.edition)
        .where('list_id', '=', scope.listId)
        // A row waits for its reader's hour (deliverAt); 0 for every row of a list without one.
        .where('not_before', '<=', options.releasedBy ?? now)
        .where('status', '=', status);
      return status === 'deferred'
        ? branch
            .where('next_attempt_at', '<=', now)
            .where((eb) =>
              eb.or([
                eb('last_run', 'is', null),
                eb('last_run', '!=', options.runId),
                eb('run_attempts', '<', options.maxAttempts),
              ]),
            )
        : status === 'claimed'
          ? branch.where('lease_until', '<', now)
          : after > 0
            ? branch.where('id', '>', after)
            : branch;
    };
    const first = (status: DeliveryStatus) => {
      const branch = open(status).orderBy('id').limit(limit);
      // PostgreSQL: concurrent workers skip each other's rows instead of waiting on them.
      // SQLite: one UPDATE statement takes the write lock first, so the claim is atomic as is.
      return database.dialect === 'postgres' ? branch.forUpdate().skipLocked() : branch;
    };
    const rows = await db
      .with('expired', () => first('claimed'))
      .with('due', () => first('deferred'))
      .with('fresh', () => first('pending'))
      .updateTable('deliveries')
      .set({
        status: 'claimed',
        claimed_by: options.owner,
        lease_until: now + options.leaseMs,
        updated_at: now,
      })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom((picked) =>
            picked
              .selectFrom('expired')
              .select('id')
              .unionAll(picked.selectFrom('due').select('id'))
              .unionAll(picked.selectFrom('fresh').select('id'))
              .as('open'),
          )
          .select('id')
          .orderBy('id')
          .limit(limit),
      )
      .returningAll()
      .execute();
    // PostgreSQL returns bigint columns as strings.
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  };

  return {
    async claim(scope, options) {
      // Pending rows are taken above this run's last claim first. The planner may walk the
      // primary key rather than the claim index (its statistics, gathered early in a send, say
      // most rows are pending); from the cursor on, that walk passes only the rows the other
      // workers took meanwhile, not every row sent since the start. A claim that comes up short
      // (the end of the send, or rows given back below the cursor) looks again from the start.
      const key = `${options.owner}\0${scope.edition}\0${scope.listId}`;
      const after = cursors.get(key) ?? 0;
      let rows = await take(scope, options, after, options.limit);
      if (rows.length < options.limit && after > 0)
        rows = [...rows, ...(await take(scope, options, 0, options.limit - rows.length))];
      for (const row of rows) if (row.id > (cursors.get(key) ?? 0)) cursors.set(key, row.id);
      return rows.sort((a, b) => a.id - b.id);
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
