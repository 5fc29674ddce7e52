import type { Config } from '../../src/config/config.ts';
import { loadItems } from '../../src/content/load-items.ts';
import type { EditionStore } from '../../src/editions/edition-store.ts';
import { resolveEdition } from '../../src/editions/resolve-edition.ts';

/** Freeze every list's edition of each date, oldest first, from the content as it is now. */
export async function freezeEditions(
  store: EditionStore,
  config: Config,
  dates: readonly string[],
): Promise<void> {
  const { items } = await loadItems(config.contentDir);
  for (const date of [...dates].sort()) {
    for (const list of config.lists) {
      await resolveEdition(store, {
        list,
        date,
        items,
        editionOptions: { timeZone: config.timeZone, categories: config.categories },
        lateWindowDays: config.lateWindowDays,
        freeze: true,
      });
    }
  }
}
