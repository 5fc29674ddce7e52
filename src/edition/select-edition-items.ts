import { addDays, format, parseISO } from 'date-fns';
import type { ListConfig } from '../config/config-schema.ts';
import type { Item } from '../content/item.ts';
import type { ItemMark } from './edition.ts';
import { OTHER_SECTION_ID } from './build-editions.ts';
import { compareByWeight } from './item-weight.ts';
import { localDate } from './local-date.ts';

/** What a list's earlier editions already carried of one item. */
export interface SentItem {
  /** `itemFingerprint` of the version that went out last. */
  fingerprint: string;
  /** The edition number that carried it last. */
  number: number;
}

export interface MembershipInput {
  /** Every valid item of the content folder. */
  items: readonly Item[];
  list: Pick<ListConfig, 'id' | 'categories' | 'cadence' | 'maxItems'>;
  /** The edition's date, `YYYY-MM-DD` in the newsletter's time zone. */
  date: string;
  timeZone: string;
  lateWindowDays: number;
  /** Items in earlier editions of this list, by id. */
  sent: ReadonlyMap<string, SentItem>;
  /** The date of the list's first edition; undefined: this is its first. */
  since: string | undefined;
  /** Each item's fingerprint (content without its file name), by id. */
  fingerprint: (item: Item) => string;
}

/** An item that is in no edition and will not be, with the reason, for `check` and dry runs. */
export interface LeftOutItem {
  item: Item;
  /** Its date in the newsletter's zone. */
  date: string;
  reason: 'too-old' | 'over-cap' | 'changed-after-sent';
  /** For `changed-after-sent`: the number of the edition that carried the earlier version. */
  number?: number;
}

export interface Membership {
  items: Item[];
  marks: Record<string, ItemMark>;
  leftOut: LeftOutItem[];
}

/**
 * Which items the edition of `list` for `date` holds. Pure. An item is in it when it matches
 * the list's categories, is in no earlier edition of the list, and was published in the
 * edition's own period (the day, or for a weekly list the seven days up to it) or up to
 * `lateWindowDays` before that period (marked late with its own date). A list's first edition
 * takes only its own period: no backlog, and items dated before it are never reported. An item sent before whose text changed goes again
 * only when it says `correction: true` (marked); otherwise it is reported. Older items and
 * those over `maxItems` are reported, never dropped silently.
 */
export function selectEditionItems(input: MembershipInput): Membership {
  const { date, timeZone, list, sent } = input;
  const periodStart = shiftDate(date, list.cadence?.every === 'week' ? -6 : 0);
  const first = input.since === undefined;
  const windowStart = first ? periodStart : shiftDate(periodStart, -input.lateWindowDays);
  const chosen: Item[] = [];
  const marks: Record<string, ItemMark> = {};
  const leftOut: LeftOutItem[] = [];
  for (const item of input.items) {
    if (!matchesList(item, list.categories)) continue;
    const day = localDate(item.datePublished, timeZone);
    if (day > date) continue;
    const before = sent.get(item.id);
    if (before !== undefined) {
      if (before.fingerprint === input.fingerprint(item)) continue;
      if (!item.correction) {
        leftOut.push({ item, date: day, reason: 'changed-after-sent', number: before.number });
        continue;
      }
      chosen.push(item);
      marks[item.id] = { correction: true };
      continue;
    }
    if (day < windowStart) {
      // What precedes the list's first edition is backlog, never due (no backlog dump); an item
      // of a period the list has covered that no edition took is lost unless someone is told.
      if (input.since !== undefined && day >= input.since)
        leftOut.push({ item, date: day, reason: 'too-old' });
      continue;
    }
    chosen.push(item);
    if (day < periodStart) marks[item.id] = { late: day };
  }
  const kept = capItems(chosen, list.maxItems);
  for (const item of chosen) {
    if (kept.has(item)) continue;
    leftOut.push({ item, date: localDate(item.datePublished, timeZone), reason: 'over-cap' });
    delete marks[item.id];
  }
  return { items: chosen.filter((item) => kept.has(item)), marks, leftOut };
}

/** The item's categories meet the list's (none configured: every item; none on the item: `other`). */
export function matchesList(item: Item, categories: readonly string[]): boolean {
  if (categories.length === 0) return true;
  const wanted = new Set(categories.map((category) => category.toLowerCase()));
  if (item.categories.length === 0) return wanted.has(OTHER_SECTION_ID);
  return item.categories.some((category) => wanted.has(category.toLowerCase()));
}

/** The items a cap keeps: highest weight first; input order among equals. */
function capItems(items: Item[], max: number | undefined): Set<Item> {
  if (max === undefined || items.length <= max) return new Set(items);
  const ranked = items.map((item, index) => ({ item, index }));
  ranked.sort((a, b) => compareByWeight(a.item, b.item) || a.index - b.index);
  return new Set(ranked.slice(0, max).map((entry) => entry.item));
}

function shiftDate(date: string, days: number): string {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}
