import type { CategoryConfig } from '../config/config-schema.ts';
import type { ContentProblem, Item } from './item.ts';

/**
 * Warnings for categories the config does not list: likely a typo ("tehc"). Only an item's first
 * category places it (buildEdition): an unknown first category makes a section of its own named
 * after the raw id; an unknown later one changes no section, and the warning says where the item
 * is shown instead. Matching ignores case, as grouping does. Takes items with errors too
 * (`file` and the raw `categories`), so `check` shows every warning at once.
 */
export function findUnknownCategories(
  items: Array<Pick<Item, 'file' | 'categories'>>,
  categories: CategoryConfig[],
): ContentProblem[] {
  if (categories.length === 0) return [];
  const known = new Set(categories.map((category) => category.id.toLowerCase()));
  known.add('other');
  const valid = categories.map((category) => category.id).join(', ');
  return items.flatMap((item) =>
    item.categories.flatMap((category, index) => {
      if (known.has(category.toLowerCase())) return [];
      const first = item.categories[0] ?? '';
      const effect =
        index === 0
          ? `the item gets a section of its own named "${category}"`
          : `the item is shown under its first category, "${first}"${known.has(first.toLowerCase()) ? '' : ' (not configured either)'}`;
      return [
        {
          file: item.file,
          field: 'categories',
          message: `"${category}" is not a configured category (${valid}); ${effect}`,
          severity: 'warning' as const,
          code: 'CONTENT_FIELD' as const,
        },
      ];
    }),
  );
}
