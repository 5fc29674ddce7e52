import type { Item } from '../content/item.ts';
import type { Localized } from '../locale.ts';

/** One category block of an edition, in configured order. */
export interface EditionSection {
  /** The category id; `other` for items without a category. */
  id: string;
  label: Localized;
  items: Item[];
}

/** A day's items, grouped by category. Pure data: built by `buildEdition`, read by `render`. */
export interface Edition {
  /** Calendar date in the newsletter's time zone, `YYYY-MM-DD`. */
  date: string;
  timeZone: string;
  sections: EditionSection[];
  /** True when any item is sponsored: the email is then advertising. */
  advertising: boolean;
}

export function editionItems(edition: Edition): Item[] {
  return edition.sections.flatMap((section) => section.items);
}
