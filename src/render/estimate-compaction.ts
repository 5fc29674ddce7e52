import type { Item } from '../content/item.ts';
import { buildEdition } from '../edition/build-editions.ts';
import type { DigestProps } from '../../emails/digest-props.ts';
import { buildDigestView } from './build-digest-view.ts';
import type { DigestViewOptions } from './build-digest-view.ts';

/**
 * The HTML MJML makes of a digest is its React markup (text blocks pass through verbatim) plus a
 * fixed frame and a fixed wrapper per section (ghost tables for Outlook). Both are measured once
 * per process and column count by compiling two tiny digests (one item, then two).
 */
export interface MjmlOverhead {
  /** Head, body frame and the fixed sections (masthead, contents, footer). */
  frame: number;
  /** One single-column section (a heading or a list of compacted items). */
  section: number;
  /** One item section with this view's column count. */
  item: number;
}

export type Measure = (view: DigestProps) => Promise<{ markup: number; html: number }>;

const calibrations = new Map<number, Promise<MjmlOverhead>>();

/** The MJML overhead for views with `columns` languages, measured on first use. */
export function mjmlOverhead(
  columns: number,
  base: DigestViewOptions,
  measure: Measure,
): Promise<MjmlOverhead> {
  let found = calibrations.get(columns);
  if (found === undefined) {
    found = calibrate(columns, base, measure);
    calibrations.set(columns, found);
    // A failed calibration must not poison later renders.
    found.catch(() => calibrations.delete(columns));
  }
  return found;
}

/**
 * Which items to compact (from the end of the edition) so the HTML fits `budget`, judged from
 * React markup and the measured overhead, so an oversized day is compiled once, not twice.
 */
export function estimateCompaction(
  markupBytes: (view: DigestProps) => number,
  viewFor: (compact: ReadonlySet<string>) => DigestProps,
  overhead: MjmlOverhead,
  budget: number,
): string[] {
  const estimate = (view: DigestProps) => {
    const sections = view.sections.length + view.sections.filter((s) => s.compacted.length > 0).length;
    const items = view.sections.reduce((sum, s) => sum + s.items.length, 0);
    return markupBytes(view) + overhead.frame + sections * overhead.section + items * overhead.item;
  };
  const full = viewFor(new Set());
  if (estimate(full) <= budget) return [];
  const ids = full.sections.flatMap((section) => section.items.map((item) => item.id));
  // Binary search the number of items kept in full; markup renders cost little next to MJML.
  let low = 0;
  let high = ids.length - 1;
  while (low < high) {
    const keep = Math.ceil((low + high) / 2);
    if (estimate(viewFor(new Set(ids.slice(keep)))) <= budget) low = keep;
    else high = keep - 1;
  }
  return ids.slice(low);
}

async function calibrate(columns: number, base: DigestViewOptions, measure: Measure): Promise<MjmlOverhead> {
  const locale = columns === 1 ? 'en' : 'bilingual';
  const item = (id: string, category: string): Item => ({
    id,
    file: `${id}.md`,
    title: { ko: '제목', en: 'Title' },
    datePublished: '2026-01-01',
    canonicalUrl: 'https://example.com/',
    categories: [category],
    tags: [],
    regions: [],
    summary: { ko: '요약', en: 'Summary' },
    soWhat: {},
    keyPoints: {},
    sponsored: false,
    body: '',
  });
  const view = (items: Item[]) =>
    buildDigestView(buildEdition('2026-01-01', items, { timeZone: 'UTC', categories: [] }), {
      ...base,
      locale,
      compact: new Set(),
    });
  const one = await measure(view([item('a', 'x')]));
  const two = await measure(view([item('a', 'x'), item('b', 'x')]));
  const three = await measure(view([item('a', 'x'), item('b', 'x'), item('c', 'y')]));
  const itemOverhead = two.html - two.markup - (one.html - one.markup);
  const sectionOverhead = three.html - three.markup - (two.html - two.markup) - itemOverhead;
  return {
    frame: one.html - one.markup - itemOverhead - sectionOverhead,
    section: sectionOverhead,
    item: itemOverhead,
  };
}
