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
 * One day's edition: configured categories in order, then unknown categories under their own
 * name (in order of first appearance), then "Other · 기타". An item shows once, under its first
 * category; order inside a section is the input order (stable).
 */
export function buildEdition(date: string, items: Item[], options: EditionOptions): Edition {
  const sections = new Map<string, EditionSection>();
  for (const category of options.categories) {
    sections.set(category.id, { id: category.id, label: category.label, items: [] });
  }
  const unknown: EditionSection[] = [];
  const other: EditionSection = { id: OTHER_SECTION_ID, label: OTHER_LABEL, items: [] };
  for (const item of items) {
    if (localDate(item.datePublished, options.timeZone) !== date) continue;
    const first = item.categories[0];
    if (first === undefined) {
      other.items.push(item);
      continue;
    }
    let section = sections.get(first);
    if (!section) {
      section = { id: first, label: { ko: first, en: first }, items: [] };
      sections.set(first, section);
      unknown.push(section);
    }
    section.items.push(item);
  }
  const configured = options.categories
    .map((c) => sections.get(c.id))
    .filter((s): s is EditionSection => !!s);
  const all = [...configured, ...unknown, other].filter((section) => section.items.length > 0);
  return {
    date,
    timeZone: options.timeZone,
    sections: all,
    advertising: all.some((section) => section.items.some((item) => item.sponsored)),
  };
}
