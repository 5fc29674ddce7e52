import type { Edition } from '../edition/edition.ts';

/**
 * The editions whose date has come (`date <= today`, both in the newsletter's time zone), newest
 * first. An edition dated tomorrow stays unpublished even though its files already exist.
 */
export function pastEditions(editions: readonly Edition[], today: string): Edition[] {
  // YYYY-MM-DD strings compare like the dates they name.
  // Stable: two lists' editions of one date keep their order (the first list's first).
  return editions
    .filter((edition) => edition.date <= today)
    .sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
}
