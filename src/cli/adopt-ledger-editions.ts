import type { Config } from '../config/config.ts';
import type { Item } from '../content/item.ts';
import { localDate } from '../edition/local-date.ts';
import { matchesList } from '../edition/select-edition-items.ts';
import type { EditionStore } from '../editions/edition-store.ts';
import type { PlannedEdition } from '../send/planned-editions.ts';

/**
 * Upgrade in place: editions sent before editions were records have ledger rows but no record.
 * Each gets one, rebuilt as it was then (the items of that date in the list's categories, from
 * the files that still exist), numbered in date order and dated when it was first planned, so
 * the archive keeps showing it and its items are never sent again as late ones. Returns how
 * many were adopted; a date none of whose files remain is left without a record.
 */
export async function adoptLedgerEditions(
  editions: EditionStore,
  planned: readonly PlannedEdition[],
  config: Pick<Config, 'lists' | 'timeZone'>,
  loadItems: () => Promise<readonly Item[]>,
): Promise<number> {
  let adopted = 0;
  let items: readonly Item[] | undefined;
  for (const { date, listId, plannedAt } of planned) {
    const list = config.lists.find((candidate) => candidate.id === listId);
    if (list === undefined || (await editions.find(listId, date)) !== undefined) continue;
    // The content is read only when some edition lacks its record (once, after an upgrade).
    items ??= await loadItems();
    const own = items.filter(
      (item) => localDate(item.datePublished, config.timeZone) === date && matchesList(item, list.categories),
    );
    if (own.length === 0) continue;
    const result = await editions.freeze(
      { listId, date, cadence: list.cadence?.every ?? 'day', now: plannedAt },
      () => ({ items: own, marks: {} }),
    );
    if (result.created) adopted++;
  }
  return adopted;
}
