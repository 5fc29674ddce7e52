import type { Item } from '../content/item.ts';
import type { CategoryConfig } from '../config/config-schema.ts';
import type { Edition, EditionSection } from './edition.ts';
import { localDate } from './local-date.ts';

export interface EditionOptions {
  timeZone: string;
  /** Configured categories, in the order they appear. */
  categories: CategoryConfig[];
}

export const OTHER_SECTION_ID = 'other';
const OTHER_LABEL = { ko: '기타', en: 'Other' };

/** Group items into one edition per date, newest date first. Pure. */
export function buildEditions(items: Item[], options: EditionOptions): Edition[] {
  const byDate = new Map<string, Item[]>();
  for (const item of items) {
    const date = localDate(item.datePublished, options.timeZone);
    const list = byDate.get(date);
    if (list) list.push(item);
    else byDate.set(date, [item]);
  }
  return [...byDate.keys()]
    .sort()
    .reverse()
    .map((date) => buildEdition(date, byDate.get(date) ?? [], options));
}

/**
 * The edition of `date` holding `items` (the day's own and, for a stored record, late ones):
 * configured categories in order, then unknown categories under their own
 * name (in order of first appearance), then "Other · 기타". An item shows once, under its first
 * category; order inside a section is the input order (stable). Category ids match without
 * regard to case ("Tech" is tech). A configured `other` category takes the uncategorised items.
 */
export function buildEdition(date: string, items: Item[], options: EditionOptions): Edition {
  const sections = new Map<string, EditionSection>();
  for (const category of options.categories) {
    const key = category.id.toLowerCase();
    if (!sections.has(key)) sections.set(key, { id: category.id, label: category.label, items: [] });
  }
  const configured = [...sections.values()];
  if (!sections.has(OTHER_SECTION_ID)) {
    sections.set(OTHER_SECTION_ID, { id: OTHER_SECTION_ID, label: OTHER_LABEL, items: [] });
  }
  const other = sections.get(OTHER_SECTION_ID) as EditionSection;
  const unknown: EditionSection[] = [];
  for (const item of items) {
    const first = item.categories[0];
    const key = first === undefined ? OTHER_SECTION_ID : first.toLowerCase();
    let section = sections.get(key);
    if (section === undefined && first !== undefined) {
      section = { id: first, label: { ko: first, en: first }, items: [] };
      sections.set(key, section);
      unknown.push(section);
    }
    (section ?? other).items.push(item);
  }
  const ordered = configured.includes(other)
    ? [...configured, ...unknown]
    : [...configured, ...unknown, other];
  const all = ordered.filter((section) => section.items.length > 0);
  return {
    date,
    timeZone: options.timeZone,
    sections: all,
    advertising: all.some((section) => section.items.some((item) => item.sponsored)),
  };
}
