import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CompactItems } from '../../emails/components/compact-items.tsx';
import { CompactedNotice } from '../../emails/components/contents-block.tsx';
import type { DigestProps, FullItemView } from '../../emails/digest-props.ts';
import type { DigestParts } from './digest-parts.ts';
import { measureRegions } from './measure-regions.ts';
import { renderEach } from './render-each.ts';
import type { DigestSizes } from './plan-compaction.ts';

// Items rendered per React render when planning asks for one not rendered yet, before it knows
// what an item costs; then as many as it expects to ask for, at most 1 + MAX_AHEAD.
const ITEM_BATCH = 8;
const MAX_AHEAD = 63;

export interface MeasureDigestInput {
  /** The digest with every item compacted (small: headlines only). */
  compacted: DigestProps;
  /** Its MJML markup with measuring markers. */
  compactedMarkup: string;
  /** The items in full, by id (any view of the digest holding them in full). */
  full: ReadonlyMap<string, FullItemView>;
  /** Item ids in the order they keep their full text (`Arrangement.ranked`). */
  ranked: readonly string[];
  /**
   * The items' and headlines' markup: items known from a full render already, else rendered in
   * batches only as far as planning asks, and kept for the final markup.
   */
  parts: DigestParts;
}

/**
 * The measure step: what a digest is made of, in markup bytes, for `planCompaction`. Everything
 * that is not an item comes from the all-compacted digest; compacted headlines from their own
 * markup, their lists and the contents' notice from renders of those parts alone; items from
 * their own markup. One way, whatever the renderer knew before.
 */
export function measureDigest(input: MeasureDigestInput): DigestSizes {
  const { compacted, ranked, parts } = input;
  const bilingual = compacted.languages.length > 1;
  const regions = measureRegions(input.compactedMarkup, 'markup');
  const known = compactCosts(compacted, ranked, parts);
  const lines = ranked.reduce((sum, _, index) => sum + known.line(index), 0);
  const categories = new Set(known.categoryOf).size;
  const items = ranked.map((id) => input.full.get(id));
  return {
    ...known,
    count: ranked.length,
    fixed: regions.total - lines - categories * known.list - known.notice(0),
    sections: regions.sections.map((section) => section.kind),
    itemSections: bilingual,
    title: titleBytes(input.compactedMarkup),
    item: (index, ahead = ITEM_BATCH - 1) => {
      const item = items[index];
      if (item === undefined) return 0;
      // Planning asks in order and stops at the first that does not fit: render this one with as
      // many of the next as it expects to ask for, in one render.
      const next = Number.isFinite(ahead)
        ? Math.max(0, Math.min(Math.floor(ahead), MAX_AHEAD))
        : ITEM_BATCH - 1;
      const batch = parts.hasItem(item.id) ? [item] : items.slice(index, index + 1 + next);
      return Buffer.byteLength(parts.itemMarkup(batch.filter((i) => i !== undefined))[0] ?? '');
    },
  };
}

/** The bytes of an item's words (text, source, links): what its markup can never be under. */
export function wordBytes(item: FullItemView): number {
  let bytes = 0;
  for (const column of item.columns) {
    const texts = [
      column.title.text,
      column.summary?.text,
      column.soWhat?.text,
      item.source,
      item.url,
      item.url,
    ];
    for (const text of [...texts, ...(column.keyPoints?.points ?? [])])
      bytes += Buffer.byteLength(text ?? '');
  }
  return bytes;
}

/** MJML writes the title twice (`<title>` and the body's `aria-label`); the markup holds it once. */
export function titleBytes(markup: string): number {
  const match = /<mj-title>([\s\S]*?)<\/mj-title>/.exec(markup);
  return match === null ? 0 : Buffer.byteLength(match[1] ?? '');
}

/** What each item costs compacted: its headline's markup, and renders of the list and notice alone. */
function compactCosts(
  compacted: DigestProps,
  ids: readonly string[],
  parts: DigestParts,
): Pick<DigestSizes, 'line' | 'list' | 'notice' | 'categoryOf'> {
  const { languages } = compacted;
  const lines = new Map<string, number>();
  const categoryOf = new Map<string, number>();
  const all = compacted.sections.flatMap((section, index) =>
    section.compacted.map((item) => {
      categoryOf.set(item.id, index);
      return item;
    }),
  );
  const sizes = parts.lineMarkup(all).map((markup) => Buffer.byteLength(markup));
  all.forEach((item, index) => lines.set(item.id, sizes[index] ?? 0));
  // The notice differs only in its numbers (and "is" for one): its bytes per number of digits,
  // those planning will ask for rendered with the list in one render.
  const digitsOf = (shown: number) => (shown === 1 ? 'one' : String(String(shown).length));
  const noticeOf = (shown: number) =>
    createElement(CompactedNotice, {
      languages,
      shown,
      total: ids.length,
      fullEditionUrl: compacted.fullEditionUrl,
    });
  const probes = [0, 1, 10].filter((shown) => shown < Math.max(1, ids.length));
  const [list = 0, ...probed] = renderEach(
    [createElement(CompactItems, { languages, items: [] }), ...probes.map(noticeOf)],
    'compacted headlines',
  ).map((markup) => Buffer.byteLength(markup));
  const notices = new Map(probes.map((shown, index) => [digitsOf(shown), probed[index] ?? 0]));
  return {
    line: (index) => lines.get(ids[index] ?? '') ?? 0,
    list,
    notice: (shown) => {
      const digits = digitsOf(shown);
      let bytes = notices.get(digits);
      if (bytes === undefined) {
        bytes = Buffer.byteLength(renderToStaticMarkup(noticeOf(shown)));
        notices.set(digits, bytes);
      }
      return bytes;
    },
    categoryOf: ids.map((id) => categoryOf.get(id) ?? -1),
  };
}
