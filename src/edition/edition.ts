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
  /** The list the edition belongs to, once it is a stored record. */
  listId?: string;
  /** The list's edition number (No. 1, 2, 3 …) once the edition is a stored record. */
  number?: number;
  /** When the edition was frozen (ISO 8601 instant); absent for a live, unsent edition. */
  frozenAt?: string;
  /** Per item id: how the item entered this edition, when not as one of the day's own items. */
  marks?: Record<string, ItemMark>;
}

/** Why an item is in an edition other than "published that day". JSON-safe: it is stored. */
export interface ItemMark {
  /** Published before the edition's date (`YYYY-MM-DD` in the newsletter's zone): show that date. */
  late?: string;
  /** Sent before, and sent again because its text was corrected. */
  correction?: boolean;
}

/** How `item` entered `edition`, if not as one of the day's own items. */
export function markOf(edition: Edition, itemId: string): ItemMark | undefined {
  return edition.marks?.[itemId];
}

export function editionItems(edition: Edition): Item[] {
  return edition.sections.flatMap((section) => section.items);
}
