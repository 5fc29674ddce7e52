import type { CategoryConfig } from '../config/config-schema.ts';
import type { ContentProblem, Item } from './item.ts';

/**
 * Warnings for categories the config does not list: likely a typo ("tehc"), and the item would
 * get a section of its own named after the raw id. Matching ignores case, as grouping does.
 */
export function findUnknownCategories(items: Item[], categories: CategoryConfig[]): ContentProblem[] {
  if (categories.length === 0) return [];
  const known = new Set(categories.map((category) => category.id.toLowerCase()));
  known.add('other');
  const valid = categories.map((category) => category.id).join(', ');
  return items.flatMap((item) =>
    item.categories
      .filter((category) => !known.has(category.toLowerCase()))
      .map((category) => ({
        file: item.file,
        field: 'categories',
        message: `"${category}" is not a configured category (${valid}); it gets a section of its own`,
        severity: 'warning' as const,
        code: 'CONTENT_FIELD' as const,
      })),
  );
}
