import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../db/create-database.ts';
import type { NoticeRow, NoticeStatus, NoticeTables } from './tables.ts';

export type Notice = Omit<Selectable<NoticeRow>, 'id'> & { id: number };
export type NewNotice = Pick<
  Insertable<NoticeRow>,
  'subscriber_id' | 'subscriber_ref' | 'consented_at' | 'period' | 'due_on'
>;
export type NoticeCounts = Record<NoticeStatus, number>;

/**
 * The consent-notice ledger, kept the way the send ledger is (src/send/ledger.ts):
 *
 * - a notice is planned (one row per subscriber, consent and period; planning again adds
 *   nothing), then claimed, then sent, and each of those is one statement, so a SIGKILL between
 *   any two leaves every row open, claimed (in flight) or finished;
 * - a claim is held until it is finished, given back or its lease runs out; no worker infers
 *   from a hostname or PID that another is dead;
 * - a result is written only while the row is still claimed by the owner reporting it (those
 *   calls return false when the lease was lost and another worker took the row).
 */
export interface NoticeLedger {
  /** Insert planned rows; rows that exist already are left alone. Returns how many were new. */
  plan(rows: readonly NewNotice[]): Promise<number>;
  /** Atomically take up to `limit` open rows: pending, deferred and due, or with an expired lease. */
  claim(options: { owner: string; limit: number; leaseMs: number }): Promise<Notice[]>;
  /** Extend the lease of rows still held by `owner`; returns the ids that were. */
  renew(ids: readonly number[], owner: string, leaseMs: number): Promise<number[]>;
  sent(id: number, owner: string, result: { messageId: string; response: string }): Promise<boolean>;
  deferred(
    id: number,
    owner: string,
    result: { nextAttemptAt: number; code: string; response: string },
  ): Promise<boolean>;
  failed(id: number, owner: string, result: { code: string; response: string }): Promise<boolean>;
  /** Close rows held by `owner` as skipped (the reader withdrew, left or bounced since planning). */
  skipped(ids: readonly number[], owner: string, reason: string): Promise<void>;
  /** Give back rows held by `owner` that were never attempted (a clean stop). */
  release(ids: readonly number[], owner: string): Promise<void>;
  /** Open skipped rows again (their reader may be told after all: ad consent switched back on). */
  reopen(ids: readonly number[]): Promise<number>;
  counts(): Promise<NoticeCounts>;
  /** When the last lease on a still-claimed row ends (rows another worker holds), if any. */
  claimedUntil(): Promise<number | undefined>;
  /** The rows of these notices that exist, keyed `subscriber_id|consented_at|period`. */
  find(keys: readonly NewNotice[]): Promise<Map<string, Notice>>;
}

/** The identity of a notice, as `find` keys its answer. */
export function noticeKey(row: Pick<NewNotice, 'subscriber_id' | 'consented_at' | 'period'>): string {
  return `${row.subscriber_id}|${row.consented_at}|${row.period}`;
}

export function createNoticeLedger(database: Database<NoticeTables>): NoticeLedger {
  const { db } = database;
  const CHUNK = 500;
  const handedBack = (now = Date.now()) => ({ claimed_by: null, lease_until: null, updated_at: now });
  const held = (owner: string) =>
    db.updateTable('consent_notices').where('status', '=', 'claimed').where('claimed_by', '=', owner);
  const changed = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows) > 0;
  const toNotice = (row: Selectable<NoticeRow>): Notice => ({ ...row, id: Number(row.id) });
  return {
    async plan(rows) {
      let inserted = 0;
      const now = Date.now();
      for (let start = 0; start < rows.length; start += CHUNK) {
        const values = rows
          .slice(start, start + CHUNK)
          .map((row) => ({ ...row, status: 'pending' as const, created_at: now, updated_at: now }));
        const result = await db
          .insertInto('consent_notices')
          .values(values)
          .onConflict((oc) => oc.columns(['subscriber_id', 'consented_at', 'period']).doNothing())
          .executeTakeFirst();
        inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return inserted;
    },

    async claim({ owner, limit, leaseMs }) {
      const now = Date.now();
      let pick = db
        .selectFrom('consent_notices')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('status', '=', 'pending'),
            eb.and([eb('status', '=', 'deferred'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'claimed'), eb('lease_until', '<', now)]),
          ]),
        )
        .orderBy('id')
        .limit(limit);
      // PostgreSQL: concurrent runs skip each other's rows; SQLite: the one UPDATE holds the lock.
      if (database.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
      const rows = await db
        .updateTable('consent_notices')
        .set({ status: 'claimed', claimed_by: owner, lease_until: now + leaseMs, updated_at: now })
        .where('id', 'in', pick)
        .returningAll()
        .execute();
      return rows.map(toNotice).sort((a, b) => a.id - b.id);
    },

    async renew(ids, owner, leaseMs) {
      if (ids.length === 0) return [];
      const now = Date.now();
      const rows = await held(owner)
        .where('id', 'in', [...ids])
        .set({ lease_until: now + leaseMs, updated_at: now })
        .returning('id')
        .execute();
      return rows.map((row) => Number(row.id));
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
      if (ids.length === 0) return;
      await held(owner)
        .where('id', 'in', [...ids])
        .set({ status: 'skipped', response: reason, ...handedBack() })
        .execute();
    },

    async release(ids, owner) {
      for (let start = 0; start < ids.length; start += CHUNK) {
        await held(owner)
          .where('id', 'in', ids.slice(start, start + CHUNK))
          .set({ status: 'pending', ...handedBack() })
          .execute();
      }
    },

    async reopen(ids) {
      let reopened = 0;
      for (let start = 0; start < ids.length; start += CHUNK) {
        const result = await db
          .updateTable('consent_notices')
          .set({ status: 'pending', response: null, updated_at: Date.now() })
          .where('id', 'in', ids.slice(start, start + CHUNK))
          .where('status', '=', 'skipped')
          .executeTakeFirst();
        reopened += Number(result.numUpdatedRows);
      }
      return reopened;
    },

    async counts() {
      const rows = await db
        .selectFrom('consent_notices')
        .select(['status', (eb) => eb.fn.countAll().as('n')])
        .groupBy('status')
        .execute();
      const counts: NoticeCounts = { pending: 0, claimed: 0, sent: 0, deferred: 0, failed: 0, skipped: 0 };
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },

    async claimedUntil() {
      const row = await db
        .selectFrom('consent_notices')
        .select((eb) => eb.fn.max('lease_until').as('until'))
        .where('status', '=', 'claimed')
        .executeTakeFirst();
      return row?.until == null ? undefined : Number(row.until);
    },

    async find(keys) {
      const found = new Map<string, Notice>();
      for (let start = 0; start < keys.length; start += CHUNK) {
        const chunk = keys.slice(start, start + CHUNK);
        const rows = await db
          .selectFrom('consent_notices')
          .selectAll()
          .where('subscriber_id', 'in', [...new Set(chunk.map((k) => k.subscriber_id))])
          .execute();
        const wanted = new Set(chunk.map(noticeKey));
        for (const row of rows) {
          const notice = toNotice(row);
          if (wanted.has(noticeKey(notice))) found.set(noticeKey(notice), notice);
        }
      }
      return found;
    },
  };
}
