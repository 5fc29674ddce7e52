import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Item } from '../content/item.ts';
import type { Edition } from '../edition/edition.ts';
import type { Language, Locale, Localized } from '../locale.ts';
import { languagesOf } from '../locale.ts';

/** A block of the digest: the lead ("Top stories") or one category. */
export interface ArrangedSection {
  kind: 'lead' | 'category';
  id: string;
  label: Localized;
  /** Heaviest first. */
  items: Item[];
}

/** What an email shows, in which order, and which items keep their full text first. */
export interface Arrangement {
  sections: ArrangedSection[];
  /**
   * Item ids in the order they keep their full text when the budget is short: the lead, then
   * each section's heaviest item, then each section's second, and so on (heaviest first within
   * a round), so every section keeps one story in full before any keeps a second.
   */
  ranked: string[];
  /** Items left out of this locale's email for lacking its language (`fallback: 'omit'`). */
  omitted: Item[];
}

export const DEFAULT_LEAD_COUNT = 3;

/**
 * Arrange an edition for one list and locale: drop the items a single-language email omits
 * (`list.fallback: 'omit'`), lift the `lead.count` heaviest items into a lead block, order each
 * category by weight, and give categories without a configured label a readable one (the
 * `labels` map, else the id title-cased), the same in both languages. Pure.
 */
export function arrangeEdition(
  edition: Edition,
  options: { config: Pick<Config, 'categories' | 'labels' | 'lead'>; list: ListConfig; locale: Locale },
): Arrangement {
  const { config, list, locale } = options;
  const languages = languagesOf(locale);
  const omitted: Item[] = [];
  const keep = (item: Item) => {
    if (list.fallback !== 'omit' || languages.length > 1) return true;
    const lang = languages[0] as Language;
    if (hasOwnText(item, lang)) return true;
    omitted.push(item);
    return false;
  };
  const order = new Map<string, number>();
  const categories = edition.sections.map((section) => ({
    kind: 'category' as const,
    id: section.id,
    label: readableLabel(section.id, section.label, config),
    items: section.items.filter(keep),
  }));
  for (const item of categories.flatMap((section) => section.items)) order.set(item.id, order.size);
  const heavier = (a: Item, b: Item) =>
    compareWeight(a, b) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  const leadCount = config.lead?.count ?? DEFAULT_LEAD_COUNT;
  const all = categories.flatMap((section) => section.items).sort(heavier);
  // A lead only when it leaves something for the sections: a day of three items is its own lead.
  const lead = all.length > leadCount ? all.slice(0, leadCount) : [];
  const inLead = new Set(lead.map((item) => item.id));
  const rest = categories
    .map((section) => ({ ...section, items: section.items.filter((i) => !inLead.has(i.id)).sort(heavier) }))
    .filter((section) => section.items.length > 0);
  const sections: ArrangedSection[] =
    lead.length === 0 ? rest : [{ kind: 'lead', id: 'lead', label: LEAD_LABEL, items: lead }, ...rest];
  const ranked = lead.map((item) => item.id);
  const depth = Math.max(0, ...rest.map((section) => section.items.length));
  for (let round = 0; round < depth; round++) {
    const next = rest.flatMap((section) => section.items.slice(round, round + 1)).sort(heavier);
    ranked.push(...next.map((item) => item.id));
  }
  return { sections, ranked, omitted };
}

export const LEAD_LABEL: Localized = { ko: '오늘의 주요 뉴스', en: 'Top stories' };

/** Priority (higher first; an item with one before one without), then confidence; 0 when equal. */
export function compareWeight(a: Item, b: Item): number {
  return descending(a.priority, b.priority) || descending(a.confidence, b.confidence);
}

/** The item has a title or a summary of its own in `lang` (not only the other language's). */
export function hasOwnText(item: Item, lang: Language): boolean {
  return item.title[lang] !== undefined || item.summary[lang] !== undefined;
}

/**
 * A category's heading: its configured label; else `labels[id]` from the config (one text for
 * both languages, or one per language); else the id title-cased ("retail" → "Retail").
 */
export function readableLabel(
  id: string,
  label: Localized,
  config: Pick<Config, 'categories' | 'labels'>,
): Localized {
  const key = id.toLowerCase();
  if (config.categories.some((category) => category.id.toLowerCase() === key)) return label;
  const given = Object.entries(config.labels ?? {}).find(([name]) => name.toLowerCase() === key)?.[1];
  if (typeof given === 'string') return { ko: given, en: given };
  if (given !== undefined) return given;
  // Not a raw id: the edition's own label for a known section (`other` is "기타 · Other").
  if (label.ko !== id || label.en !== id) return label;
  const title = titleCase(id);
  return { ko: title, en: title };
}

function titleCase(id: string): string {
  return id
    .split(/[-_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toLocaleUpperCase('en') + word.slice(1))
    .join(' ');
}

/** Negative when `a` comes first: the larger number, and any number before none. */
function descending(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return b - a;
}
