import type { Kysely, Selectable } from 'kysely';
import type { Item } from '../content/item.ts';
import type { ItemMark } from '../edition/edition.ts';
import type { SentItem } from '../edition/select-edition-items.ts';
import { GazetteError } from '../errors.ts';
import { itemFingerprint } from './item-fingerprint.ts';
import type { EditionRow, EditionTables } from './tables.ts';

/** A sent (or sending) edition of a list, as it was frozen. */
export interface StoredEdition {
  id: number;
  listId: string;
  date: string;
  number: number;
  cadence: string;
  /** Epoch ms. */
  frozenAt: number;
  items: Item[];
  marks: Record<string, ItemMark>;
}

export type EditionSummary = Omit<StoredEdition, 'items' | 'marks'> & { items: number };

export interface EditionHistory {
  sent: Map<string, SentItem>;
  /** The date of the list's first edition; undefined before it has one. */
  since: string | undefined;
}

/** What an edition will hold, computed from what earlier editions carried. */
export type ComposeEdition = (history: EditionHistory) => {
  items: Item[];
  marks: Record<string, ItemMark>;
};

/**
 * The editions store. Invariants:
 * - (list, date) is frozen at most once: the first freeze wins and every later one (another
 *   worker, a resume, a crash's rerun) reads that record, whatever the content folder says now.
 * - A version of an item (its fingerprint) is in at most one edition of a list: the database
 *   refuses a second, so two workers freezing two dates at once cannot both take an item.
 * - An edition row and its item rows are written in one transaction.
 */
export interface EditionStore {
  /** The latest version of every item the list's editions carried, and its first edition's date. */
  history(listId: string): Promise<EditionHistory>;
  find(listId: string, date: string): Promise<StoredEdition | undefined>;
  byNumber(listId: string, number: number): Promise<StoredEdition | undefined>;
  /** Freeze (list, date) unless it is frozen already; returns the record either way. */
  freeze(
    scope: { listId: string; date: string; cadence: string; now?: number },
    compose: ComposeEdition,
  ): Promise<{ edition: StoredEdition; created: boolean }>;
  /** Every edition (of one list), newest date first. */
  summaries(filter?: { listId?: string }): Promise<EditionSummary[]>;
}

export function createEditionStore(db: Kysely<EditionTables>): EditionStore {
  const read = async (query: Promise<Selectable<EditionRow> | undefined>) => {
    const row = await query;
    return row === undefined ? undefined : toStored(row);
  };
  const store: EditionStore = {
    async history(listId) {
      const first = await db
        .selectFrom('editions')
        .select('date')
        .where('list_id', '=', listId)
        .orderBy('date')
        .limit(1)
        .executeTakeFirst();
      const rows = await db
        .selectFrom('edition_items')
        .innerJoin('editions', 'editions.id', 'edition_items.edition_id')
        .select(['edition_items.item_id', 'edition_items.fingerprint', 'editions.number'])
        .where('edition_items.list_id', '=', listId)
        .orderBy('editions.number')
        .execute();
      const sent = new Map<string, SentItem>();
      // Ordered by number: the last version sent wins.
      for (const row of rows)
        sent.set(row.item_id, { fingerprint: row.fingerprint, number: Number(row.number) });
      return { sent, since: first?.date };
    },

    find: (listId, date) =>
      read(
        db
          .selectFrom('editions')
          .selectAll()
          .where('list_id', '=', listId)
          .where('date', '=', date)
          .executeTakeFirst(),
      ),

    byNumber: (listId, number) =>
      read(
        db
          .selectFrom('editions')
          .selectAll()
          .where('list_id', '=', listId)
          .where('number', '=', number)
          .executeTakeFirst(),
      ),

    async freeze(scope, compose) {
      // Bounded: each retry follows a lost race (another worker froze first, or took an item).
      for (let attempt = 1; ; attempt++) {
        const existing = await store.find(scope.listId, scope.date);
        if (existing !== undefined) return { edition: existing, created: false };
        const { items, marks } = compose(await store.history(scope.listId));
        try {
          const created = await insertEdition(db, scope, items, marks);
          if (created !== undefined) return { edition: created, created: true };
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 5) {
            throw new GazetteError(
              'STORE',
              `Could not store the edition of list "${scope.listId}" for ${scope.date}: ${(error as Error).message}`,
              {},
              { cause: error },
            );
          }
        }
      }
    },

    async summaries(filter = {}) {
      let query = db
        .selectFrom('editions')
        .leftJoin('edition_items', 'edition_items.edition_id', 'editions.id')
        .select((eb) => [
          'editions.id',
          'editions.list_id',
          'editions.date',
          'editions.number',
          'editions.cadence',
          'editions.frozen_at',
          eb.fn.count<number>('edition_items.item_id').as('items'),
        ])
        .groupBy([
          'editions.id',
          'editions.list_id',
          'editions.date',
          'editions.number',
          'editions.cadence',
          'editions.frozen_at',
        ])
        .orderBy('editions.date', 'desc')
        .orderBy('editions.list_id');
      if (filter.listId !== undefined) query = query.where('editions.list_id', '=', filter.listId);
      const rows = await query.execute();
      return rows.map((row) => ({
        id: Number(row.id),
        listId: row.list_id,
        date: row.date,
        number: Number(row.number),
        cadence: row.cadence,
        frozenAt: Number(row.frozen_at),
        items: Number(row.items),
      }));
    },
  };
  return store;
}

/** The edition row and its item rows in one transaction; undefined when (list, date) exists. */
async function insertEdition(
  db: Kysely<EditionTables>,
  scope: { listId: string; date: string; cadence: string; now?: number },
  items: Item[],
  marks: Record<string, ItemMark>,
): Promise<StoredEdition | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('editions')
      .values((eb) => ({
        list_id: scope.listId,
        date: scope.date,
        // The next number of the list, in the same statement: two lists never share a counter.
        number: eb
          .selectFrom('editions')
          .select((e) => e(e.fn.coalesce(e.fn.max('number'), e.lit(0)), '+', 1).as('next'))
          .where('list_id', '=', scope.listId),
        cadence: scope.cadence,
        frozen_at: scope.now ?? Date.now(),
        snapshot: JSON.stringify({ items, marks }),
      }))
      .onConflict((oc) => oc.columns(['list_id', 'date']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const editionId = Number(row.id);
    const CHUNK = 200;
    for (let start = 0; start < items.length; start += CHUNK) {
      await trx
        .insertInto('edition_items')
        .values(
          items.slice(start, start + CHUNK).map((item) => ({
            edition_id: editionId,
            list_id: scope.listId,
            item_id: item.id,
            fingerprint: itemFingerprint(item),
            file: item.file,
          })),
        )
        .execute();
    }
    return toStored(row);
  });
}

function toStored(row: Selectable<EditionRow>): StoredEdition {
  const snapshot = JSON.parse(row.snapshot) as { items: Item[]; marks?: Record<string, ItemMark> };
  return {
    id: Number(row.id),
    listId: row.list_id,
    date: row.date,
    number: Number(row.number),
    cadence: row.cadence,
    frozenAt: Number(row.frozen_at),
    items: snapshot.items,
    marks: snapshot.marks ?? {},
  };
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint/i.test(e.message ?? '')
  );
}
