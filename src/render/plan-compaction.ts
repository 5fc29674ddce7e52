import type { MarkerKind } from '../../emails/components/measure-marker.tsx';
import type { MjmlOverhead } from './mjml-overhead.ts';
import { predictOverhead } from './mjml-overhead.ts';
import type { Regions } from './measure-regions.ts';

/** What compacting costs, from small renders of the compacted parts alone. */
export interface CompactCosts {
  /** Each item's compacted headline (one list line), in edition order. */
  line: (index: number) => number;
  /** A category's list of compacted headlines without its lines. */
  list: number;
  /** The contents' notice that `shown` of the items are in full. */
  notice: (shown: number) => number;
  /** The category (index into the edition's sections) of each item, in edition order. */
  categoryOf: readonly number[];
}

export interface CompactionPlan {
  /** How many items, from the start of the edition, stay in full (the rest are compacted). */
  full: number;
  /** The predicted HTML bytes. */
  bytes: number;
}

/**
 * The most items that can stay in full, the rest compacted from the end of the edition, for the
 * HTML to fit `budget`, predicted from the full digest's marked markup and the learned MJML
 * overhead. Item sizes are measured once; each candidate is arithmetic. `unknown` when the
 * overhead of a section kind has not been learned yet; `too-big` when even all compacted is over.
 */
export function planCompaction(
  markup: Regions,
  title: number,
  overhead: MjmlOverhead,
  costs: () => CompactCosts,
  budget: number,
): CompactionPlan | 'unknown' | 'too-big' {
  const count = markup.items.length;
  const itemSections = markup.sections.filter((s) => s.kind === 'item').length;
  const others: MarkerKind[] = markup.sections.filter((s) => s.kind !== 'item').map((s) => s.kind);
  const fixedOverhead = predictOverhead(overhead, others, title);
  const perItemSection = itemSections === 0 ? 0 : overhead.bySection.item;
  if (fixedOverhead === undefined || perItemSection === undefined) return 'unknown';
  const fullItems = markup.items.reduce((sum, bytes) => sum + bytes, 0);
  // Items in a section of their own (bilingual) add that section's overhead; inline items none.
  const sectionCost = itemSections === 0 ? 0 : perItemSection;
  let bytes = markup.total + fixedOverhead + itemSections * perItemSection;
  if (bytes <= budget) return { full: count, bytes };
  const known = costs();
  const compactedIn = new Set<number>();
  let kept = fullItems;
  let lines = 0;
  for (let full = count - 1; full >= 0; full--) {
    kept -= markup.items[full] ?? 0;
    lines += known.line(full);
    compactedIn.add(known.categoryOf[full] ?? -1);
    bytes =
      markup.total -
      fullItems +
      kept +
      lines +
      compactedIn.size * known.list +
      known.notice(full) +
      fixedOverhead +
      full * sectionCost;
    if (bytes <= budget) return { full, bytes };
  }
  return 'too-big';
}
