import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Transaction, UpdateObject } from 'kysely';
import type { SubscriberTables } from './tables.ts';
import { checkpointWal } from '../db/checkpoint-wal.ts';
import { GazetteError } from '../errors.ts';
import { findByUids } from './find-by-uids.ts';
import { emailKey } from './normalize-email.ts';
import { toConsentRecord, toJsonList, toSubscriber } from './row-mapping.ts';
import type {
  PreferencesInput,
  SubscribeInput,
  SubscribeResult,
  Subscriber,
  SubscriberStatus,
} from './subscriber.ts';
import type { ImportOutcome, SubscriberPage, SubscriberStore } from './subscriber-store.ts';
import { KEYED_PREFIX, suppressionHash } from './suppression-hash.ts';

type Db = Kysely<SubscriberTables> | Transaction<SubscriberTables>;

export interface KyselyStoreOptions {
  /**
   * GAZETTE_SECRET: keys the suppression list (see suppression-hash.ts). Without it the store
   * can still read entries written before keying, and refuses anything else that needs the list.
   */
  secret?: string;
}

/**
 * The subscriber store over Kysely; the same code serves SQLite and PostgreSQL. Given a
 * transaction (`db.transaction().execute((trx) => createKyselyStore(trx)…)`) every call runs
 * inside it, so a caller can join the store's writes with its own (the erasure does).
 */
export function createKyselyStore(db: Db, options: KyselyStoreOptions = {}): SubscriberStore {
  const iso = (now?: Date) => (now ?? new Date()).toISOString();
  const suppression = createSuppression(options.secret);
  const subscribeIn = (trx: Db, input: SubscribeInput, at: string) =>
    subscribeWith(suppression, trx, input, at);
  // SQLite transactions begin IMMEDIATE (src/db/immediate-sqlite-dialect.ts): they read, then write.
  const write = <T>(run: (trx: Db) => Promise<T>): Promise<T> =>
    db.isTransaction ? run(db) : db.transaction().execute(run);
  return {
    async subscribe(input, now) {
      try {
        return await write((trx) => subscribeIn(trx, input, iso(now)));
      } catch (error) {
        // Two requests raced to insert one address: the loser sees the winner's row on retry.
        if (!isUniqueViolation(error) || db.isTransaction) throw storeError('subscribe', error);
        return write((trx) => subscribeIn(trx, input, iso(now)));
      }
    },
    async markConfirmationSent(id, now) {
      const consent = await latestConsent(db, id);
      if (consent === undefined) return;
      await db
        .updateTable('consents')
        .set({ confirm_sent_at: iso(now), confirm_sent_count: Number(consent.confirm_sent_count) + 1 })
        .where('id', '=', consent.id)
        .execute();
    },
    async confirm(uid, ip, now) {
      const at = iso(now);
      return write(async (trx) => {
        // One conditional UPDATE, not read-then-write: of simultaneous clicks on one link only the
        // first finds the row still pending (PostgreSQL re-checks the WHERE after the row lock),
        // so only one caller is told `changed` and sends the welcome.
        const row = await trx
          .updateTable('subscribers')
          .set({ status: 'active', updated_at: at })
          .where('uid', '=', uid)
          .where('status', '=', 'pending')
          .returningAll()
          .executeTakeFirst();
        if (row === undefined) {
          const current = await trx
            .selectFrom('subscribers')
            .selectAll()
            .where('uid', '=', uid)
            .executeTakeFirst();
          return current === undefined ? undefined : { subscriber: toSubscriber(current), changed: false };
        }
        await stampLatestConsent(trx, row.id, { confirmed_at: at, confirm_ip: ip });
        // The owner asked again and proved the mailbox: an earlier --forget no longer applies.
        await suppression.lift(trx, row.email);
        return { subscriber: toSubscriber(row), changed: true };
      });
    },
    async updatePreferences(uid, input, now) {
      const at = iso(now);
      const row = await db
        .updateTable('subscribers')
        .set({ ...preferenceColumns(input), updated_at: at })
        .where('uid', '=', uid)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toSubscriber(row);
    },
    async unsubscribe(uid, source, now) {
      return write(async (trx) => {
        const row = await trx.selectFrom('subscribers').selectAll().where('uid', '=', uid).executeTakeFirst();
        if (row === undefined) return undefined;
        if (row.status !== 'active' && row.status !== 'pending') return toSubscriber(row);
        const at = iso(now);
        await setStatus(trx, row.id, 'unsubscribed', at);
        await stampLatestConsent(trx, row.id, { unsubscribed_at: at, unsubscribe_source: source });
        return toSubscriber({ ...row, status: 'unsubscribed', updated_at: at });
      });
    },
    async leaveList(uid, listId, source, now) {
      return write(async (trx) => {
        const row = await trx.selectFrom('subscribers').selectAll().where('uid', '=', uid).executeTakeFirst();
        if (row === undefined) return undefined;
        const lists = JSON.parse(row.lists) as string[];
        const active = row.status === 'active' || row.status === 'pending';
        if (!active || !lists.includes(listId))
          return { subscriber: toSubscriber(row), change: 'none' as const };
        const at = iso(now);
        if (lists.length === 1) {
          // Their last list: as the one-click POST, the whole subscription ends.
          await setStatus(trx, row.id, 'unsubscribed', at);
          await stampLatestConsent(trx, row.id, { unsubscribed_at: at, unsubscribe_source: source });
          const subscriber = toSubscriber({ ...row, status: 'unsubscribed', updated_at: at });
          return { subscriber, change: 'unsubscribed' as const };
        }
        const rest = toJsonList(lists.filter((id) => id !== listId));
        await trx
          .updateTable('subscribers')
          .set({ lists: rest, updated_at: at })
          .where('id', '=', row.id)
          .execute();
        return {
          subscriber: toSubscriber({ ...row, lists: rest, updated_at: at }),
          change: 'left-list' as const,
        };
      });
    },
    async claimNotice(key, subscriberId, kind, now) {
      const result = await db
        .insertInto('change_notices')
        .values({ key, subscriber_id: subscriberId, kind, created_at: iso(now) })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async releaseNotice(key) {
      await db.deleteFrom('change_notices').where('key', '=', key).execute();
    },
    async markBounced(id, now) {
      await setStatus(db, id, 'bounced', iso(now));
    },
    async markComplained(id, now) {
      await setStatus(db, id, 'complained', iso(now));
    },
    async isActive(id) {
      const row = await db.selectFrom('subscribers').select('status').where('id', '=', id).executeTakeFirst();
      return row?.status === 'active';
    },
    async activeSubscribersPage(listId, { afterId, limit }) {
      // Lists are JSON arrays of slugs, so `"id"` matches exactly once LIKE's wildcards are escaped.
      const pattern = `%${JSON.stringify(listId).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db
        .selectFrom('subscribers')
        .selectAll()
        .where('status', '=', 'active')
        .where('id', '>', afterId)
        .where(sql<boolean>`${sql.ref('lists')} like ${pattern} escape ${sql.lit('\\')}`)
        .orderBy('id')
        .limit(clampLimit(limit))
        .execute();
      return toPage(rows.map(toSubscriber), clampLimit(limit));
    },
    async page({ afterId, limit, status }) {
      let query = db.selectFrom('subscribers').selectAll().where('id', '>', afterId);
      if (status !== undefined) query = query.where('status', '=', status);
      const rows = await query.orderBy('id').limit(clampLimit(limit)).execute();
      return toPage(rows.map(toSubscriber), clampLimit(limit));
    },
    async count(status) {
      let query = db.selectFrom('subscribers').select((eb) => eb.fn.countAll<number | string>().as('n'));
      if (status !== undefined) query = query.where('status', '=', status);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async findByUid(uid) {
      const row = await db.selectFrom('subscribers').selectAll().where('uid', '=', uid).executeTakeFirst();
      return row === undefined ? undefined : toSubscriber(row);
    },
    async findByUids(uids) {
      return findByUids(db, uids);
    },
    async findByEmail(email) {
      const row = await findRow(db, email);
      return row === undefined ? undefined : toSubscriber(row);
    },
    async consents(id) {
      const rows = await db
        .selectFrom('consents')
        .selectAll()
        .where('subscriber_id', '=', id)
        .orderBy('id')
        .execute();
      return rows.map(toConsentRecord);
    },
    async importBatch(rows, now) {
      const at = iso(now);
      return write(async (trx) => {
        const outcomes: ImportOutcome[] = [];
        for (const input of rows) outcomes.push(await importIn(suppression, trx, input, at));
        return outcomes;
      });
    },
    async forget(email, now) {
      const found = await write(async (trx) => {
        const row = await findRow(trx, email);
        if (row !== undefined) {
          await trx.deleteFrom('change_notices').where('subscriber_id', '=', row.id).execute();
          await trx.deleteFrom('consents').where('subscriber_id', '=', row.id).execute();
          await trx.deleteFrom('subscribers').where('id', '=', row.id).execute();
        }
        await suppression.add(trx, email, 'forget', iso(now));
        return row !== undefined;
      });
      // Within a caller's transaction the caller checkpoints once it has committed.
      if (!db.isTransaction) await checkpointWal(db);
      return found;
    },
    async isSuppressed(email) {
      return suppression.check(db, email);
    },
  };
}

async function subscribeWith(
  suppression: Suppression,
  trx: Db,
  input: SubscribeInput,
  at: string,
): Promise<SubscribeResult> {
  const row = await findRow(trx, input.email);
  if (row === undefined) {
    // Only the owner, through the form or a mail of their own, may lift a suppression (on
    // confirming: double opt-in either way); not an import.
    const owner = input.consent.source === 'form' || input.consent.source === 'email';
    if (!owner && (await suppression.check(trx, input.email))) {
      return { outcome: 'suppressed', confirmSentAt: null };
    }
    const subscriber = await insertSubscriber(trx, input, at);
    return { outcome: 'created', subscriber, confirmSentAt: null };
  }
  const id = Number(row.id);
  if (row.status === 'active') {
    // Someone typed a known address: change nothing (no enumeration, no preference hijack).
    return {
      outcome: 'unchanged',
      subscriber: toSubscriber(row),
      confirmSentAt: (await latestConsent(trx, id))?.confirm_sent_at ?? null,
    };
  }
  if (row.status === 'pending' && !input.confirmed) {
    // Anyone can type an address: a request still waiting for its confirmation keeps the name,
    // choices and consent its owner gave (else a stranger could add ad consent or a name the
    // welcome mail would greet). The owner changes them through their token once confirmed.
    return {
      outcome: 'pending',
      subscriber: toSubscriber(row),
      confirmSentAt: (await latestConsent(trx, id))?.confirm_sent_at ?? null,
    };
  }
  // Renewed, or a pending request the operator vouches for: a new consent record says so.
  const status: SubscriberStatus = input.confirmed ? 'active' : 'pending';
  const updated = await trx
    .updateTable('subscribers')
    .set({ ...preferenceColumns(input), status, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertConsent(trx, id, input, at);
  return { outcome: 'renewed', subscriber: toSubscriber(updated), confirmSentAt: null };
}

async function importIn(
  suppression: Suppression,
  trx: Db,
  input: SubscribeInput,
  at: string,
): Promise<ImportOutcome> {
  const row = await findRow(trx, input.email);
  if (row === undefined) return (await subscribeWith(suppression, trx, input, at)).outcome;
  // Merging never re-subscribes someone who left: status and consent stay as they are.
  const lists = toJsonList([...(JSON.parse(row.lists) as string[]), ...input.lists]);
  const activate = input.confirmed === true && row.status === 'pending';
  await trx
    .updateTable('subscribers')
    .set({
      name: input.name ?? row.name,
      locale: input.locale,
      categories: toJsonList(input.categories),
      lists,
      // A row without a time zone keeps the one the reader chose.
      ...(input.timeZone == null ? {} : { time_zone: input.timeZone }),
      ...(activate ? { status: 'active' } : {}),
      updated_at: at,
    })
    .where('id', '=', row.id)
    .execute();
  if (activate) {
    const consent = await latestConsent(trx, Number(row.id));
    if (consent !== undefined)
      await trx.updateTable('consents').set({ confirmed_at: at }).where('id', '=', consent.id).execute();
  }
  return 'merged';
}

async function insertSubscriber(trx: Db, input: SubscribeInput, at: string): Promise<Subscriber> {
  const row = await trx
    .insertInto('subscribers')
    .values({
      uid: randomBytes(16).toString('base64url'),
      email: input.email,
      email_key: emailKey(input.email),
      name: null,
      ad_consent: 0,
      ...preferenceColumns(input),
      status: input.confirmed ? 'active' : 'pending',
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertConsent(trx, Number(row.id), input, at);
  return toSubscriber(row);
}

async function insertConsent(
  trx: Db,
  subscriberId: number,
  input: SubscribeInput,
  at: string,
): Promise<void> {
  await trx
    .insertInto('consents')
    .values({
      subscriber_id: subscriberId,
      created_at: input.consentedAt ?? at,
      source: input.consent.source,
      ip: input.consent.ip ?? null,
      user_agent: input.consent.userAgent ?? null,
      consent_version: input.consent.version,
      ad_consent: input.adConsent ? 1 : 0,
      confirm_sent_count: 0,
      confirmed_at: input.confirmed ? (input.consentedAt ?? at) : null,
      message_id: input.consent.messageId ?? null,
      received_at: input.consent.receivedAt?.toISOString() ?? null,
      auth_results: input.consent.authResults ?? null,
    })
    .execute();
}

function preferenceColumns(input: PreferencesInput) {
  return {
    ...(input.name === undefined ? {} : { name: input.name === '' ? null : input.name }),
    locale: input.locale,
    categories: toJsonList(input.categories),
    lists: toJsonList(input.lists),
    ...(input.adConsent === undefined ? {} : { ad_consent: input.adConsent ? 1 : 0 }),
    ...(input.timeZone === undefined ? {} : { time_zone: input.timeZone }),
  };
}

function findRow(db: Db, email: string) {
  return db.selectFrom('subscribers').selectAll().where('email_key', '=', emailKey(email)).executeTakeFirst();
}

function latestConsent(db: Db, subscriberId: number) {
  return db
    .selectFrom('consents')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

interface Suppression {
  /** Is the address on the list? A legacy (unkeyed) entry found is rewritten keyed. */
  check(db: Db, email: string): Promise<boolean>;
  add(db: Db, email: string, reason: string, at: string): Promise<void>;
  /** The owner confirmed again: take the address off the list (both spellings of its key). */
  lift(db: Db, email: string): Promise<void>;
}

function createSuppression(secret: string | undefined): Suppression {
  const needSecret = (why: string) =>
    new GazetteError(
      'SECRET_MISSING',
      `The suppression list is keyed with GAZETTE_SECRET, which is not set: ${why}. Set GAZETTE_SECRET ` +
        '(the same value serve and send use) and run the command again.',
      { field: 'GAZETTE_SECRET' },
    );
  return {
    async check(db, email) {
      const { keyed, legacy } = suppressionHash(email, secret);
      const rows = await db
        .selectFrom('suppressions')
        .selectAll()
        .where('email_hash', 'in', keyed === undefined ? [legacy] : [keyed, legacy])
        .execute();
      if (keyed === undefined) {
        if (rows.length > 0) return true;
        // Keyed entries cannot be checked without the secret: refuse rather than let one through.
        const anyKeyed = await db
          .selectFrom('suppressions')
          .select('email_hash')
          .where('email_hash', 'like', `${KEYED_PREFIX}%`)
          .limit(1)
          .executeTakeFirst();
        if (anyKeyed !== undefined) throw needSecret('without it no address can be checked against the list');
        return false;
      }
      const old = rows.find((row) => row.email_hash === legacy);
      if (old !== undefined) {
        // Upgrade in place: from now on only someone with the secret can test this address.
        await db
          .insertInto('suppressions')
          .values({ email_hash: keyed, reason: old.reason, created_at: old.created_at })
          .onConflict((oc) => oc.column('email_hash').doNothing())
          .execute();
        await db.deleteFrom('suppressions').where('email_hash', '=', legacy).execute();
      }
      return rows.length > 0;
    },
    async add(db, email, reason, at) {
      const { keyed, legacy } = suppressionHash(email, secret);
      if (keyed === undefined) throw needSecret('an address cannot be added to it');
      await db
        .insertInto('suppressions')
        .values({ email_hash: keyed, reason, created_at: at })
        .onConflict((oc) => oc.column('email_hash').doNothing())
        .execute();
      await db.deleteFrom('suppressions').where('email_hash', '=', legacy).execute();
    },
    async lift(db, email) {
      const { keyed, legacy } = suppressionHash(email, secret);
      await db
        .deleteFrom('suppressions')
        .where('email_hash', 'in', keyed === undefined ? [legacy] : [keyed, legacy])
        .execute();
    },
  };
}

/** Record a step (confirmation, unsubscribe) on the subscriber's latest consent record, if any. */
async function stampLatestConsent(
  db: Db,
  subscriberId: number,
  values: UpdateObject<SubscriberTables, 'consents', 'consents'>,
): Promise<void> {
  const consent = await latestConsent(db, subscriberId);
  if (consent !== undefined)
    await db.updateTable('consents').set(values).where('id', '=', consent.id).execute();
}

async function setStatus(db: Db, id: number, status: SubscriberStatus, at: string): Promise<void> {
  await db.updateTable('subscribers').set({ status, updated_at: at }).where('id', '=', id).execute();
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(5000, Math.floor(limit)));
}

function toPage(subscribers: Subscriber[], limit: number): SubscriberPage {
  return { subscribers, next: subscribers.length === limit ? subscribers.at(-1)?.id : undefined };
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  // PostgreSQL 23505; better-sqlite3 SQLITE_CONSTRAINT_UNIQUE.
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function storeError(operation: string, error: unknown): GazetteError {
  return new GazetteError(
    'STORE',
    `The subscriber store failed to ${operation}: ${(error as Error).message}`,
    {},
    { cause: error },
  );
}
