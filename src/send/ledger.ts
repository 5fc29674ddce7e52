import { sql } from 'kysely';
import type { Insertable, Kysely, QueryResult, Selectable } from 'kysely';
import { compileOnce } from '../db/compile-once.ts';
import type { Database } from '../db/create-database.ts';
import type { DeliveryTables } from './tables.ts';
import { createLedgerClaims } from './create-ledger-claims.ts';
import { createLedgerReleases } from './create-ledger-releases.ts';
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
  /**
   * Only rows released by this instant (`not_before`, epoch ms) are taken; default now. `send
   * --now` moves it: the reader's hour is a matter of the calendar, the lease of real time.
   */
  releasedBy?: number;
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
  /**
   * Rows per `plan` call that suit the store (docs/benchmarks.md, "Planning"): SQLite does best
   * with small pages (less for V8 to promote and collect), PostgreSQL with fewer round trips.
   */
  readonly planBatch: number;
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
  /** Pending rows not released by `now` (their reader's hour is still to come), and the first instant. */
  held(scope: LedgerScope, now: number): Promise<{ count: number; next?: number }>;
  /** The first instant after `after` at which a pending row of any edition is released. */
  nextRelease(after: number): Promise<number | undefined>;
  /** The first lease of a claimed row, of any edition, to end after `after` (real time, epoch ms). */
  nextLeaseEnd(after: number): Promise<number | undefined>;
  /** Editions of the list older than `before` with rows that may still be sent, oldest first. */
  openEditions(listId: string, before: string): Promise<string[]>;
  /**
   * Close as skipped (`superseded`) the open rows of editions older than `edition` of every
   * reader whose copy of `edition` is released by `now`: no day's edition after the next day's.
   */
  supersede(listId: string, edition: string, now: number): Promise<number>;
  /** Give back rows held by `owner` to wait for a later instant (their reader's zone changed). */
  hold(rows: { id: number; notBefore: number }[], owner: string): Promise<void>;
}

export function createLedger(database: Database<DeliveryTables>): Ledger {
  const { db } = database;
  const CHUNK = 5000;
  const PG_CHUNK = 10_000;
  const inScope = (scope: LedgerScope) =>
    db.selectFrom('deliveries').where('edition', '=', scope.edition).where('list_id', '=', scope.listId);
  const statements = resultStatements(db);
  const changed = (result: QueryResult<unknown>) => Number(result.numAffectedRows ?? 0) > 0;
  return {
    planBatch: database.dialect === 'postgres' ? 5000 : 1000,
    ...createLedgerClaims(database),
    ...createLedgerReleases(database),

    async plan(rows) {
      const now = Date.now();
      if (database.dialect === 'postgres') {
        // One statement per page, whatever its size: each column is one array parameter
        // (unnest), so neither the query text nor its parameter list grows with the rows.
        let inserted = 0;
        for (let start = 0; start < rows.length; start += PG_CHUNK) {
          inserted += await planUnnest(db, rows.slice(start, start + PG_CHUNK), now);
        }
        return inserted;
      }
      let inserted = 0;
      for (let start = 0; start < rows.length; start += CHUNK) {
        inserted += await planJson(db, rows.slice(start, start + CHUNK), now);
      }
      return inserted;
    },

    async sent(id, owner, result) {
      const response = result.response.slice(0, 1000);
      const now = Date.now();
      return changed(await statements.sent({ id, owner, messageId: result.messageId, response, now }));
    },

    async deferred(id, owner, result) {
      const { runId, nextAttemptAt, code } = result;
      const response = result.response.slice(0, 1000);
      const args = { id, owner, runId, nextAttemptAt, code, response, now: Date.now() };
      return changed(await statements.deferred(args));
    },

    async failed(id, owner, result) {
      const response = result.response.slice(0, 1000);
      return changed(await statements.failed({ id, owner, code: result.code, response, now: Date.now() }));
    },

    async skipped(ids, owner, reason) {
      if (ids.length === 0) return new Set();
      const { rows } = await statements.skipped({ ids, owner, reason, now: Date.now() });
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

/**
 * The result writes, one per message: compiled once per ledger (compile-once.ts), so a message
 * pays for binding and running its statement, not for building it.
 */
function resultStatements(db: Kysely<DeliveryTables>) {
  // Only the worker that holds the claim may write its result.
  const held = (owner: string) =>
    db.updateTable('deliveries').where('status', '=', 'claimed').where('claimed_by', '=', owner);
  return {
    sent: compileOnce(
      db,
      (p: { id: number; owner: string; messageId: string; response: string; now: number }) =>
        held(p.owner)
          .where('id', '=', p.id)
          .set((eb) => ({
            status: 'sent',
            attempts: eb('attempts', '+', 1),
            message_id: p.messageId,
            response: p.response,
            error_code: null,
            sent_at: p.now,
            sent_by: p.owner,
            ...handedBack(p.now),
          })),
    ),
    deferred: compileOnce(
      db,
      (p: {
        id: number;
        owner: string;
        runId: string;
        nextAttemptAt: number;
        code: string;
        response: string;
        now: number;
      }) =>
        held(p.owner)
          .where('id', '=', p.id)
          .set((eb) => ({
            status: 'deferred',
            attempts: eb('attempts', '+', 1),
            run_attempts: eb
              .case()
              .when('last_run', '=', p.runId)
              .then(eb('run_attempts', '+', 1))
              .else(1)
              .end(),
            last_run: p.runId,
            next_attempt_at: p.nextAttemptAt,
            response: p.response,
            error_code: p.code,
            ...handedBack(p.now),
          })),
    ),
    failed: compileOnce(db, (p: { id: number; owner: string; code: string; response: string; now: number }) =>
      held(p.owner)
        .where('id', '=', p.id)
        .set((eb) => ({
          status: 'failed',
          attempts: eb('attempts', '+', 1),
          response: p.response,
          error_code: p.code,
          ...handedBack(p.now),
        })),
    ),
    skipped: compileOnce(db, (p: { ids: readonly number[]; owner: string; reason: string; now: number }) =>
      held(p.owner)
        .where('id', 'in', p.ids)
        .set({ status: 'skipped', response: p.reason, ...handedBack(p.now) })
        .returning('id'),
    ),
  };
}

/** PostgreSQL: insert planned rows as columns of arrays; existing (edition, list, subscriber) rows are left alone. */
async function planUnnest(db: Kysely<DeliveryTables>, rows: NewDelivery[], now: number): Promise<number> {
  if (rows.length === 0) return 0;
  const column = <T>(pick: (row: NewDelivery) => T) => rows.map(pick);
  const result = await sql`
    INSERT INTO deliveries
      (edition, list_id, subscriber_id, subscriber_ref, email, name, locale, segment, not_before, status, created_at, updated_at)
    SELECT e, l, s, r, m, n, lo, sg, nb, 'pending', ${now}, ${now}
    FROM unnest(
      ${column((row) => row.edition)}::text[], ${column((row) => row.list_id)}::text[],
      ${column((row) => row.subscriber_id)}::text[], ${column((row) => row.subscriber_ref)}::text[],
      ${column((row) => row.email)}::text[], ${column((row) => row.name ?? null)}::text[],
      ${column((row) => row.locale)}::text[], ${column((row) => row.segment)}::text[],
      ${column((row) => Number(row.not_before ?? 0))}::bigint[]
    ) AS t(e, l, s, r, m, n, lo, sg, nb)
    ON CONFLICT (edition, list_id, subscriber_id) DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * SQLite: the same, with the rows as one JSON parameter read by json_each (a parameter per value
 * would cost more to bind than the insert itself).
 */
async function planJson(db: Kysely<DeliveryTables>, rows: NewDelivery[], now: number): Promise<number> {
  if (rows.length === 0) return 0;
  const json = JSON.stringify(
    rows.map((row) => [
      row.edition,
      row.list_id,
      row.subscriber_id,
      row.subscriber_ref,
      row.email,
      row.name ?? null,
      row.locale,
      row.segment,
      Number(row.not_before ?? 0),
    ]),
  );
  const at = (i: number) => sql`json_extract(value, ${sql.lit(`$[${i}]`)})`;
  // `WHERE true`: without it SQLite would read ON CONFLICT as a join's ON (sqlite.org/lang_upsert.html).
  const result = await sql`
    INSERT INTO deliveries
      (edition, list_id, subscriber_id, subscriber_ref, email, name, locale, segment, not_before, status, created_at, updated_at)
    SELECT ${at(0)}, ${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}, ${at(6)}, ${at(7)}, ${at(8)}, 'pending', ${now}, ${now}
    FROM json_each(${json}) WHERE true
    ON CONFLICT (edition, list_id, subscriber_id) DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
