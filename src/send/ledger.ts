import { hostname } from 'node:os';
import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../db/create-database.ts';
import type { DeliveryRow, DeliveryStatus } from './tables.ts';

export type Delivery = Selectable<DeliveryRow>;
export type NewDelivery = Omit<
  Insertable<DeliveryRow>,
  'id' | 'status' | 'attempts' | 'run_attempts' | 'created_at' | 'updated_at'
>;

/** Which edition of which list a ledger call is about. */
export interface LedgerScope {
  edition: string;
  listId: string;
}

export interface ClaimOptions {
  /** `host:pid:run`: who holds the claim (see `releaseDeadOwners`). */
  owner: string;
  runId: string;
  limit: number;
  /** A claim not finished by then is open again (the worker died). */
  leaseMs: number;
  /** Deferred rows are retried at most this many times per run. */
  maxAttempts: number;
}

export type StatusCounts = Record<DeliveryStatus, number>;

/**
 * The per-recipient ledger. Every state change is one statement, so a SIGKILL between any two
 * leaves a consistent ledger: a row is either open, claimed (in flight) or finished.
 */
export interface Ledger {
  /** Insert planned rows; a row that exists already is left alone. Returns how many were new. */
  plan(rows: NewDelivery[]): Promise<number>;
  /** Atomically take up to `limit` open rows (pending, due for retry, or with an expired lease). */
  claim(scope: LedgerScope, options: ClaimOptions): Promise<Delivery[]>;
  sent(id: number, result: { messageId: string; response: string }): Promise<void>;
  deferred(
    id: number,
    result: { runId: string; nextAttemptAt: number; code: string; response: string },
  ): Promise<void>;
  failed(id: number, result: { code: string; response: string }): Promise<void>;
  skipped(ids: number[], reason: string): Promise<void>;
  /** Give back claimed rows that were never attempted (a clean stop). */
  release(ids: number[]): Promise<void>;
  /** Open again the rows claimed by workers on this host whose process is gone. */
  releaseDeadOwners(scope: LedgerScope): Promise<number>;
  /** When the next deferred row this run may still retry is due, if any. */
  nextRetryAt(scope: LedgerScope, runId: string, maxAttempts: number): Promise<number | undefined>;
  counts(scope: LedgerScope): Promise<StatusCounts>;
}

export function createLedger(database: Database): Ledger {
  const { db } = database;
  const CHUNK = 500;
  const inScope = (scope: LedgerScope) =>
    db.selectFrom('deliveries').where('edition', '=', scope.edition).where('list_id', '=', scope.listId);
  return {
    async plan(rows) {
      let inserted = 0;
      const now = Date.now();
      for (let start = 0; start < rows.length; start += CHUNK) {
        const values = rows
          .slice(start, start + CHUNK)
          .map((row) => ({ ...row, status: 'pending' as const, created_at: now, updated_at: now }));
        const result = await db
          .insertInto('deliveries')
          .values(values)
          .onConflict((oc) => oc.columns(['edition', 'list_id', 'subscriber_id']).doNothing())
          .executeTakeFirst();
        inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return inserted;
    },

    async claim(scope, options) {
      const now = Date.now();
      let pick = inScope(scope)
        .select('id')
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
      return rows.map(normalize).sort((a, b) => a.id - b.id);
    },

    async sent(id, result) {
      const now = Date.now();
      await db
        .updateTable('deliveries')
        .set((eb) => ({
          status: 'sent',
          attempts: eb('attempts', '+', 1),
          message_id: result.messageId,
          response: result.response.slice(0, 1000),
          error_code: null,
          sent_at: now,
          ...handedBack(now),
        }))
        .where('id', '=', id)
        .execute();
    },

    async deferred(id, result) {
      await db
        .updateTable('deliveries')
        .set((eb) => ({
          status: 'deferred',
          attempts: eb('attempts', '+', 1),
          run_attempts: eb
            .case()
            .when('last_run', '=', result.runId)
            .then(eb('run_attempts', '+', 1))
            .else(1)
            .end(),
          last_run: result.runId,
          next_attempt_at: result.nextAttemptAt,
          response: result.response.slice(0, 1000),
          error_code: result.code,
          ...handedBack(),
        }))
        .where('id', '=', id)
        .execute();
    },

    async failed(id, result) {
      await db
        .updateTable('deliveries')
        .set((eb) => ({
          status: 'failed',
          attempts: eb('attempts', '+', 1),
          response: result.response.slice(0, 1000),
          error_code: result.code,
          ...handedBack(),
        }))
        .where('id', '=', id)
        .execute();
    },

    async skipped(ids, reason) {
      if (ids.length === 0) return;
      await db
        .updateTable('deliveries')
        .set({
          status: 'skipped',
          response: reason,
          ...handedBack(),
        })
        .where('id', 'in', ids)
        .execute();
    },

    async release(ids) {
      for (let start = 0; start < ids.length; start += CHUNK) {
        await db
          .updateTable('deliveries')
          .set({ status: 'pending', ...handedBack() })
          .where('id', 'in', ids.slice(start, start + CHUNK))
          .where('status', '=', 'claimed')
          .execute();
      }
    },

    async releaseDeadOwners(scope) {
      const owners = await inScope(scope)
        .select('claimed_by')
        .distinct()
        .where('status', '=', 'claimed')
        .execute();
      let released = 0;
      for (const { claimed_by: owner } of owners) {
        if (owner === null || !isDeadLocalOwner(owner)) continue;
        const result = await db
          .updateTable('deliveries')
          .set({ status: 'pending', ...handedBack() })
          .where('edition', '=', scope.edition)
          .where('list_id', '=', scope.listId)
          .where('status', '=', 'claimed')
          .where('claimed_by', '=', owner)
          .executeTakeFirst();
        released += Number(result.numUpdatedRows);
      }
      return released;
    },

    async nextRetryAt(scope, runId, maxAttempts) {
      const row = await inScope(scope)
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
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

    async counts(scope) {
      const rows = await inScope(scope)
        .select(['status', (eb) => eb.fn.countAll().as('n')])
        .groupBy('status')
        .execute();
      const counts: StatusCounts = { pending: 0, claimed: 0, sent: 0, deferred: 0, failed: 0, skipped: 0 };
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },
  };
}

/** The owner tag of this process for one run. */
export function ownerTag(runId: string): string {
  return `${hostname()}:${process.pid}:${runId}`;
}

/** A claim made on this host by a process that no longer exists (killed mid-send). */
function isDeadLocalOwner(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || pid === undefined || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

// PostgreSQL returns bigint columns as strings.
function normalize(row: Delivery): Delivery {
  return { ...row, id: Number(row.id) };
}

/** The columns that hand a row back: no owner, no lease, touched now. */
function handedBack(now = Date.now()) {
  return { claimed_by: null, lease_until: null, updated_at: now };
}
