import type { MarkerKind } from '../../emails/components/measure-marker.tsx';
import type { MjmlOverhead } from './mjml-overhead.ts';
import { predictOverhead } from './mjml-overhead.ts';

/** What a digest is made of, in markup bytes, for planning its compaction. */
export interface DigestSizes {
  /** Items in edition order. */
  count: number;
  /** Everything but the items, the compacted headlines, their lists and the contents' notice. */
  fixed: number;
  /** The kinds of the sections other than items (they stay whatever is compacted). */
  sections: MarkerKind[];
  /** Items are sections of their own (bilingual) rather than blocks inside a text. */
  itemSections: boolean;
  /** The title's bytes (MJML writes it a second time). */
  title: number;
  /**
   * An item in full; asked in edition order, only as far as planning needs. `ahead`: how many
   * more planning expects to ask for after this one (a hint, for measuring them in one go).
   */
  item: (index: number, ahead?: number) => number;
  /** An item's compacted headline. */
  line: (index: number) => number;
  /** A category's list of compacted headlines without its lines. */
  list: number;
  /** The contents' notice that `shown` items are in full. */
  notice: (shown: number) => number;
  /** Each item's category (index into the edition's sections). */
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
 * HTML to fit `budget`: adds items from the start while the prediction fits, so only the items
 * that fit (and one more) are ever measured. The prediction is the markup plus the learned MJML
 * overhead, exact when the overhead is (see tests). `unknown` when a section kind's overhead has
 * not been learned yet; `too-big` when even everything compacted is over.
 */
export function planCompaction(
  sizes: DigestSizes,
  overhead: MjmlOverhead,
  budget: number,
): CompactionPlan | 'unknown' | 'too-big' {
  const fixedOverhead = predictOverhead(overhead, sizes.sections, sizes.title);
  const perItem = sizes.itemSections ? overhead.bySection.item : 0;
  if (fixedOverhead === undefined || perItem === undefined) return 'unknown';
  const compactedIn = new Map<number, number>();
  let lines = 0;
  for (let index = 0; index < sizes.count; index++) {
    lines += sizes.line(index);
    const category = sizes.categoryOf[index] ?? -1;
    compactedIn.set(category, (compactedIn.get(category) ?? 0) + 1);
  }
  let items = 0;
  const predict = (full: number) =>
    sizes.fixed +
    fixedOverhead +
    items +
    full * perItem +
    lines +
    compactedIn.size * sizes.list +
    (full < sizes.count ? sizes.notice(full) : 0);
  const start = predict(0);
  let best: CompactionPlan = { full: 0, bytes: start };
  if (best.bytes > budget) return 'too-big';
  for (let full = 1; full <= sizes.count; full++) {
    const index = full - 1;
    // What the items so far added each tells how many more may fit (and the one that will not).
    const growth = index === 0 ? 0 : (best.bytes - start) / index;
    const ahead = growth > 0 ? Math.ceil((budget - best.bytes) / growth) : undefined;
    items += sizes.item(index, ahead);
    lines -= sizes.line(index);
    const category = sizes.categoryOf[index] ?? -1;
    const left = (compactedIn.get(category) ?? 0) - 1;
    if (left === 0) compactedIn.delete(category);
    else compactedIn.set(category, left);
    const bytes = predict(full);
    if (bytes > budget) break;
    best = { full, bytes };
  }
  return best;
}
