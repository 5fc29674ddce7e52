import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Item } from '../content/item.ts';
import type { Edition } from '../edition/edition.ts';
import { selectEditionItems } from '../edition/select-edition-items.ts';
import { buildEdition } from '../edition/build-editions.ts';
import { createDatabase } from '../db/create-database.ts';
import { databaseExists } from '../db/database-exists.ts';
import { createEditionStore } from './edition-store.ts';
import type { EditionTables } from './tables.ts';
import { editionOfRecord, resolveEdition } from './resolve-edition.ts';
import { itemFingerprint } from './item-fingerprint.ts';

/** Where `build` and `preview` get editions: the record of a sent one, else the live content. */
export interface EditionSource {
  /** The list's edition of the date; `frozen` when it is the stored record of a sent edition. */
  editionOf(list: ListConfig, date: string): Promise<{ edition: Edition; frozen: boolean }>;
  /** Every sent edition, newest first; undefined when there is no database to read them from. */
  sent(): Promise<Edition[] | undefined>;
  close(): Promise<void>;
}

/**
 * Reads sent editions when the database exists (never creating one); otherwise every edition is
 * live: a list's items of that date, as a first edition would take them.
 */
export async function openEditionSource(config: Config, items: readonly Item[]): Promise<EditionSource> {
  const editionOptions = { timeZone: config.timeZone, categories: config.categories };
  const live = (): EditionSource => ({
    async editionOf(list, date) {
      const { items: own, marks } = selectEditionItems({
        items,
        list,
        date,
        timeZone: config.timeZone,
        lateWindowDays: config.lateWindowDays,
        sent: new Map(),
        since: undefined,
        fingerprint: itemFingerprint,
      });
      return { edition: { ...buildEdition(date, own, editionOptions), marks }, frozen: false };
    },
    sent: async () => undefined,
    close: async () => {},
  });
  if (!databaseExists(config)) return live();
  // Read only: build and preview never create or migrate a database. One written before editions
  // were records has no editions table yet, and so holds no sent edition.
  const database = createDatabase<EditionTables>(config.databaseUrl, { rootDir: config.rootDir });
  const store = createEditionStore(database.db);
  try {
    await store.summaries();
  } catch (error) {
    await database.close();
    if (isMissingTable(error)) return live();
    throw error;
  }
  return {
    async editionOf(list, date) {
      const resolved = await resolveEdition(store, {
        list,
        date,
        items,
        editionOptions,
        lateWindowDays: config.lateWindowDays,
        freeze: false,
      });
      return { edition: resolved.edition, frozen: resolved.frozen };
    },
    async sent() {
      const editions: Edition[] = [];
      for (const summary of await store.summaries()) {
        const stored = await store.find(summary.listId, summary.date);
        if (stored !== undefined) editions.push(editionOfRecord(stored, editionOptions));
      }
      return editions;
    },
    close: () => database.close(),
  };
}

/** SQLite's "no such table" or PostgreSQL's undefined_table (42P01). */
function isMissingTable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '42P01' || (typeof message === 'string' && message.startsWith('no such table'));
}
