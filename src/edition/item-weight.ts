import type { Item } from '../content/item.ts';

/**
 * Editorial weight, for sorting highest first: `priority` when present (any number; an item
 * without one ranks below every item with one), then `confidence` (0–1). Equal weights keep
 * their input order (sort is stable).
 */
export function compareByWeight(a: Item, b: Item): number {
  return rank(b.priority) - rank(a.priority) || (b.confidence ?? 0) - (a.confidence ?? 0);
}

function rank(priority: number | undefined): number {
  return priority ?? Number.NEGATIVE_INFINITY;
}
