import { compileOnce } from '../db/compile-once.ts';
import type { Database } from '../db/create-database.ts';
import { handedBack } from './handed-back.ts';
import type { DeliveryStatus, DeliveryTables } from './tables.ts';
import type { ClaimOptions, Ledger, LedgerScope } from './ledger.ts';

export type LedgerClaims = Pick<Ledger, 'claim' | 'renew' | 'release' | 'nextRetryAt'>;

/** Who holds which row: claiming, keeping and giving back leases. */
export function createLedgerClaims(database: Database<DeliveryTables>): LedgerClaims {
  const CHUNK = 500;
  // Per run and list, the highest id this run has claimed: its next claim of pending rows starts
  // there (see `claim`). Only a shortcut: a short claim looks again from the start.
  const cursors = new Map<string, number>();

  const statements = claimStatements(database);

  /** One atomic claim of up to `limit` open rows; pending ones only above `after`. */
  const take = async (scope: LedgerScope, options: ClaimOptions, after: number, limit: number) => {
    const now = Date.now();
    const args = {
      edition: scope.edition,
      listId: scope.listId,
      releasedBy: options.releasedBy ?? now,
      now,
      runId: options.runId,
      maxAttempts: options.maxAttempts,
      limit,
      owner: options.owner,
      leaseUntil: now + options.leaseMs,
    };
    const { rows } = after > 0 ? await statements.takeAbove({ ...args, after }) : await statements.take(args);
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
      const { rows } = await statements.renew({ ids, owner, leaseUntil: now + leaseMs, now });
      return { ids: rows.map((row) => Number(row.id)), leaseUntil: now + leaseMs };
    },

    async release(ids, owner) {
      for (let start = 0; start < ids.length; start += CHUNK) {
        await statements.release({ ids: ids.slice(start, start + CHUNK), owner, now: Date.now() });
      }
    },

    async nextRetryAt(scope, runId, maxAttempts) {
      const args = { edition: scope.edition, listId: scope.listId, runId, maxAttempts };
      const [row] = (await statements.nextRetryAt(args)).rows;
      return row?.next == null ? undefined : Number(row.next);
    },
  };
}

/** What a claim binds; `after` only for the claim that starts above the run's cursor. */
interface TakeArgs {
  edition: string;
  listId: string;
  releasedBy: number;
  now: number;
  runId: string;
  maxAttempts: number;
  limit: number;
  owner: string;
  leaseUntil: number;
}

/**
 * The claim's statements, compiled once per ledger (compile-once.ts): a send claims a batch
 * every few dozen messages and renews its leases on a timer, each the same statement again.
 */
function claimStatements(database: Database<DeliveryTables>) {
  const { db } = database;
  const takeQuery = (p: TakeArgs & { after?: number }) => {
    // One branch per kind of open row, each the `limit` lowest ids of its kind: each can walk
    // the claim index (edition, list, status, id) from its first row and stop after `limit`.
    // A single OR over the kinds could not use it: it walked the table in id order past every
    // row already sent or held, so each claim cost more as the send went on.
    const open = (status: DeliveryStatus) => {
      const branch = db
        .selectFrom('deliveries')
        .select('id')
        .where('edition', '=', p.edition)
        .where('list_id', '=', p.listId)
        // A row waits for its reader's hour (deliverAt); 0 for every row of a list without one.
        .where('not_before', '<=', p.releasedBy)
        .where('status', '=', status);
      return status === 'deferred'
        ? branch
            .where('next_attempt_at', '<=', p.now)
            .where((eb) =>
              eb.or([
                eb('last_run', 'is', null),
                eb('last_run', '!=', p.runId),
                eb('run_attempts', '<', p.maxAttempts),
              ]),
            )
        : status === 'claimed'
          ? branch.where('lease_until', '<', p.now)
          : p.after !== undefined
            ? branch.where('id', '>', p.after)
            : branch;
    };
    const first = (status: DeliveryStatus) => {
      const branch = open(status).orderBy('id').limit(p.limit);
      // PostgreSQL: concurrent workers skip each other's rows instead of waiting on them.
      // SQLite: one UPDATE statement takes the write lock first, so the claim is atomic as is.
      return database.dialect === 'postgres' ? branch.forUpdate().skipLocked() : branch;
    };
    return db
      .with('expired', () => first('claimed'))
      .with('due', () => first('deferred'))
      .with('fresh', () => first('pending'))
      .updateTable('deliveries')
      .set({
        status: 'claimed',
        claimed_by: p.owner,
        lease_until: p.leaseUntil,
        updated_at: p.now,
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
          .limit(p.limit),
      )
      .returningAll();
  };
  return {
    // Whether a claim starts above the cursor is a branch in the query: two statements.
    take: compileOnce(db, (p: TakeArgs) => takeQuery(p)),
    takeAbove: compileOnce(db, (p: TakeArgs & { after: number }) => takeQuery(p)),
    renew: compileOnce(db, (p: { ids: readonly number[]; owner: string; leaseUntil: number; now: number }) =>
      db
        .updateTable('deliveries')
        .set({ lease_until: p.leaseUntil, updated_at: p.now })
        .where('id', 'in', p.ids)
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', p.owner)
        .returning('id'),
    ),
    release: compileOnce(db, (p: { ids: readonly number[]; owner: string; now: number }) =>
      db
        .updateTable('deliveries')
        .set({ status: 'pending', ...handedBack(p.now) })
        .where('id', 'in', p.ids)
        .where('status', '=', 'claimed')
        .where('claimed_by', '=', p.owner),
    ),
    nextRetryAt: compileOnce(
      db,
      (p: { edition: string; listId: string; runId: string; maxAttempts: number }) =>
        db
          .selectFrom('deliveries')
          .select((eb) => eb.fn.min('next_attempt_at').as('next'))
          .where('edition', '=', p.edition)
          .where('list_id', '=', p.listId)
          .where('status', '=', 'deferred')
          .where((eb) =>
            eb.or([
              eb('last_run', 'is', null),
              eb('last_run', '!=', p.runId),
              eb('run_attempts', '<', p.maxAttempts),
            ]),
          ),
    ),
  };
}
