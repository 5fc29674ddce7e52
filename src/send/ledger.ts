import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../db/create-database.ts';
import type { DeliveryTables } from './tables.ts';
import { createLedgerClaims } from './create-ledger-claims.ts';
import { handedBack } from './handed-back.ts';
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
  /** Who holds the claim (`ownerTag`); unique per run, so no two workers ever share one. */
  owner: string;
  runId: string;
  limit: number;
  /**
   * A claim not finished (or renewed) by then is open again: the worker is presumed dead. This
   * is the only way a row leaves a worker that did not give it back: no process ids are checked.
   */
  leaseMs: number;
  /** Deferred rows are retried at most this many times per run. */
  maxAttempts: number;
}

export type StatusCounts = Record<DeliveryStatus, number>;

/**
 * The per-recipient ledger. Every state change is one statement, so a SIGKILL between any two
 * leaves a consistent ledger: a row is either open, claimed (in flight) or finished.
 *
 * A result is written only while the row is still `claimed` by the `owner` that reports it:
 * a worker whose lease ran out and whose row another worker took never overwrites that
 * worker's result. Those calls return false (the lease was lost).
 */
export interface Ledger {
  /** Insert planned rows; a row that exists already is left alone. Returns how many were new. */
  plan(rows: NewDelivery[]): Promise<number>;
  /** Atomically take up to `limit` open rows (pending, due for retry, or with an expired lease). */
  claim(scope: LedgerScope, options: ClaimOptions): Promise<Delivery[]>;
  /** Extend the lease of rows still held by `owner`; returns the ids that were. */
  renew(ids: number[], owner: string, leaseMs: number): Promise<{ ids: number[]; leaseUntil: number }>;
  sent(id: number, owner: string, result: { messageId: string; response: string }): Promise<boolean>;
  deferred(
    id: number,
    owner: string,
    result: { runId: string; nextAttemptAt: number; code: string; response: string },
  ): Promise<boolean>;
  failed(id: number, owner: string, result: { code: string; response: string }): Promise<boolean>;
  /** Close rows held by `owner` as skipped; returns the ids that were. */
  skipped(ids: number[], owner: string, reason: string): Promise<Set<number>>;
  /** Give back rows held by `owner` that were never attempted (a clean stop). */
  release(ids: number[], owner: string): Promise<void>;
  /** When the next deferred row this run may still retry is due, if any. */
  nextRetryAt(scope: LedgerScope, runId: string, maxAttempts: number): Promise<number | undefined>;
  counts(scope: LedgerScope): Promise<StatusCounts>;
  /** When the last lease on a still-claimed row ends (rows another worker holds), if any. */
  claimedUntil(scope: LedgerScope): Promise<number | undefined>;
  /** The segments of rows that may still be sent (pending, deferred or claimed). */
  openSegments(scope: LedgerScope): Promise<string[]>;
}

export function createLedger(database: Database<DeliveryTables>): Ledger {
  const { db } = database;
  const CHUNK = 500;
  const inScope = (scope: LedgerScope) =>
    db.selectFrom('deliveries').where('edition', '=', scope.edition).where('list_id', '=', scope.listId);
  // Only the worker that holds the claim may write its result.
  const held = (owner: string) =>
    db.updateTable('deliveries').where('status', '=', 'claimed').where('claimed_by', '=', owner);
  const changed = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows) > 0;
  return {
    ...createLedgerClaims(database),

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

    async sent(id, owner, result) {
      const now = Date.now();
      const update = await held(owner)
        .where('id', '=', id)
        .set((eb) => ({
          status: 'sent',
          attempts: eb('attempts', '+', 1),
          message_id: result.messageId,
          response: result.response.slice(0, 1000),
          error_code: null,
          sent_at: now,
          sent_by: owner,
          ...handedBack(now),
        }))
        .executeTakeFirst();
      return changed(update);
    },

    async deferred(id, owner, result) {
      const update = await held(owner)
        .where('id', '=', id)
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
        .executeTakeFirst();
      return changed(update);
    },

    async failed(id, owner, result) {
      const update = await held(owner)
        .where('id', '=', id)
        .set((eb) => ({
          status: 'failed',
          attempts: eb('attempts', '+', 1),
          response: result.response.slice(0, 1000),
          error_code: result.code,
          ...handedBack(),
        }))
        .executeTakeFirst();
      return changed(update);
    },

    async skipped(ids, owner, reason) {
      if (ids.length === 0) return new Set();
      const rows = await held(owner)
        .where('id', 'in', ids)
        .set({ status: 'skipped', response: reason, ...handedBack() })
        .returning('id')
        .execute();
      return new Set(rows.map((row) => Number(row.id)));
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

    async claimedUntil(scope) {
      const row = await inScope(scope)
        .select((eb) => eb.fn.max('lease_until').as('until'))
        .where('status', '=', 'claimed')
        .executeTakeFirst();
      return row?.until == null ? undefined : Number(row.until);
    },

    async openSegments(scope) {
      const rows = await inScope(scope)
        .select('segment')
        .distinct()
        .where('status', 'in', ['pending', 'deferred', 'claimed'])
        .execute();
      return rows.map((row) => row.segment).sort();
    },
  };
}
