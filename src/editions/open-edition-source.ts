import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Item } from '../content/item.ts';
import type { Edition } from '../edition/edition.ts';
import { selectEditionItems } from '../edition/select-edition-items.ts';
import { buildEdition } from '../edition/build-editions.ts';
import { openDatabase } from '../db/open-database.ts';
import { databaseExists } from '../db/database-exists.ts';
import { createEditionStore } from './edition-store.ts';
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
  if (!databaseExists(config)) {
    return {
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
    };
  }
  const database = await openDatabase(config);
  const store = createEditionStore(database.db);
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
