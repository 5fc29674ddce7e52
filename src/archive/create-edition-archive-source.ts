import type { CategoryConfig, ListConfig } from '../config/config-schema.ts';
import type { Edition } from '../edition/edition.ts';
import type { EditionStore } from '../editions/edition-store.ts';
import { editionOfRecord } from '../editions/resolve-edition.ts';
import type { ArchiveSnapshot, ArchiveSource } from './archive-source.ts';

export interface EditionArchiveOptions {
  timeZone: string;
  categories: CategoryConfig[];
  /** In display order: of two lists' editions on one date, the first list's comes first. */
  lists: Pick<ListConfig, 'id'>[];
}

/**
 * The archive of what was sent: every frozen edition, read from the editions store, never from
 * the content folder (a deleted or edited file changes nothing). The snapshot is reloaded only
 * when an edition was frozen since (one cheap count query per request).
 */
export function createEditionArchiveSource(
  store: EditionStore,
  options: EditionArchiveOptions,
): ArchiveSource {
  let cached: ArchiveSnapshot | undefined;
  const order = new Map(options.lists.map((list, index) => [list.id, index]));
  const rank = (listId: string) => order.get(listId) ?? order.size;
  return {
    async snapshot() {
      const summaries = await store.summaries();
      const version = `${summaries.length}:${Math.max(0, ...summaries.map((s) => s.id))}`;
      if (cached !== undefined && cached.version === version) return cached;
      const editions: Edition[] = [];
      const modifiedByDate = new Map<string, number>();
      for (const summary of summaries) {
        const stored = await store.find(summary.listId, summary.date);
        if (stored === undefined) continue;
        editions.push(editionOfRecord(stored, options));
        modifiedByDate.set(summary.date, Math.max(modifiedByDate.get(summary.date) ?? 0, stored.frozenAt));
      }
      editions.sort((a, b) =>
        a.date === b.date ? rank(a.listId ?? '') - rank(b.listId ?? '') : a.date < b.date ? 1 : -1,
      );
      cached = {
        editions,
        problems: [],
        version,
        modified: Math.max(0, ...summaries.map((s) => s.frozenAt)),
        modifiedByDate,
      };
      return cached;
    },
  };
}
