import type { Config } from '../config/config.ts';
import { LOCALES } from '../locale.ts';
import type { Locale } from '../locale.ts';
import type { SubscriberPage, PageQuery } from './subscriber-store.ts';

/** Active subscribers of a list whose locale the list does not offer. */
export interface LocaleMismatch {
  list: string;
  locale: Locale;
  /** The locales the list offers (config `lists[].locales`). */
  offered: Locale[];
  count: number;
}

/** The one store method this needs (the send's SubscriberSource has it too). */
export interface ActiveSubscribers {
  activeSubscribersPage(listId: string, page: PageQuery): Promise<SubscriberPage>;
}

/**
 * Subscriptions made before a list's `locales` were narrowed (or by an older Gazette): counted
 * per list and locale, for `send --dry-run` and `subscribers check`. Reads every active
 * subscriber of each list that does not offer every locale, one keyset page at a time.
 */
export async function findLocaleMismatches(
  source: ActiveSubscribers,
  lists: Config['lists'],
): Promise<LocaleMismatch[]> {
  const mismatches: LocaleMismatch[] = [];
  for (const list of lists) {
    if (LOCALES.every((locale) => list.locales.includes(locale))) continue;
    const counts = new Map<Locale, number>();
    // Bounded: each page advances afterId; the loop ends on the first page without `next`.
    for (let afterId = 0; ;) {
      const page = await source.activeSubscribersPage(list.id, { afterId, limit: 1000 });
      for (const s of page.subscribers) {
        if (!list.locales.includes(s.locale)) counts.set(s.locale, (counts.get(s.locale) ?? 0) + 1);
      }
      if (page.next === undefined) break;
      afterId = page.next;
    }
    for (const [locale, count] of counts)
      mismatches.push({ list: list.id, locale, offered: list.locales, count });
  }
  return mismatches;
}
