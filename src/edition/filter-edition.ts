import type { Edition } from './edition.ts';
import { editionItems } from './edition.ts';
import type { EditionOptions } from './build-editions.ts';
import { buildEdition, OTHER_SECTION_ID } from './build-editions.ts';

/**
 * The part of an edition a segment gets. An item is kept when any of its categories is wanted
 * (empty = everything) and then shown under its first wanted category; uncategorised items
 * are kept only when `other` is wanted. Ids match without regard to case. Pure.
 */
export function filterEdition(
  edition: Edition,
  categories: readonly string[],
  options: EditionOptions,
): Edition {
  if (categories.length === 0) return edition;
  const wanted = new Set(categories.map((category) => category.toLowerCase()));
  const kept = editionItems(edition).flatMap((item) => {
    if (item.categories.length === 0) return wanted.has(OTHER_SECTION_ID) ? [item] : [];
    const first = item.categories.find((category) => wanted.has(category.toLowerCase()));
    if (first === undefined) return [];
    return [{ ...item, categories: [first, ...item.categories.filter((c) => c !== first)] }];
  });
  const { sections: _sections, advertising: _advertising, ...record } = edition;
  return { ...record, ...buildEdition(edition.date, kept, options) };
}
