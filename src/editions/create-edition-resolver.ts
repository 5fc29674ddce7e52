import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Item } from '../content/item.ts';
import type { Edition } from '../edition/edition.ts';
import type { EditionStore } from './edition-store.ts';
import type { ResolvedEdition } from './resolve-edition.ts';
import { resolveEdition } from './resolve-edition.ts';

export interface EditionResolver {
  /** The list's edition for the date (stored on first use when freezing). */
  editionFor(list: ListConfig): Promise<Edition | undefined>;
  /** What each list resolved to, after `editionFor` was called for it. */
  resolved: Map<string, ResolvedEdition>;
}

/** Resolves every list's edition of one date against the store, for a send or a dry run. */
export function createEditionResolver(
  store: EditionStore,
  options: {
    config: Pick<Config, 'timeZone' | 'categories' | 'lateWindowDays'>;
    items: readonly Item[];
    date: string;
    freeze: boolean;
  },
): EditionResolver {
  const { config } = options;
  const resolved = new Map<string, ResolvedEdition>();
  return {
    resolved,
    async editionFor(list) {
      const result = await resolveEdition(store, {
        list,
        date: options.date,
        items: options.items,
        editionOptions: { timeZone: config.timeZone, categories: config.categories },
        lateWindowDays: config.lateWindowDays,
        freeze: options.freeze,
      });
      resolved.set(list.id, result);
      return result.edition;
    },
  };
}
