import { createElement, Fragment } from 'react';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CompactItems, CompactLine } from '../../emails/components/compact-items.tsx';
import { CompactedNotice } from '../../emails/components/contents-block.tsx';
import { DigestItem } from '../../emails/digest-email.tsx';
import type { DigestProps, FullItemView } from '../../emails/digest-props.ts';
import { measureRegions } from './measure-regions.ts';
import type { DigestSizes } from './plan-compaction.ts';

// Items measured per React render when their sizes are not known from a full render.
const ITEM_BATCH = 8;

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
   * Each item's markup bytes in full when a full render measured them already; else each is
   * rendered alone, in batches, only as far as planning asks.
   */
  knownItemBytes?: ReadonlyMap<string, number>;
}

/**
 * The measure step: what a digest is made of, in markup bytes, for `planCompaction`. Everything
 * that is not an item comes from the all-compacted digest; compacted headlines, their lists and
 * the contents' notice from renders of those parts alone; items from `knownItemBytes` or their
 * own renders. One way, whatever the renderer knew before.
 */
export function measureDigest(input: MeasureDigestInput): DigestSizes {
  const { compacted, ranked } = input;
  const bilingual = compacted.languages.length > 1;
  const regions = measureRegions(input.compactedMarkup, 'markup');
  const known = compactCosts(compacted, ranked);
  const lines = ranked.reduce((sum, _, index) => sum + known.line(index), 0);
  const categories = new Set(known.categoryOf).size;
  const itemBytes: number[] = [];
  const items = ranked.map((id) => input.full.get(id));
  return {
    ...known,
    count: ranked.length,
    fixed: regions.total - lines - categories * known.list - known.notice(0),
    sections: regions.sections.map((section) => section.kind),
    itemSections: bilingual,
    title: titleBytes(input.compactedMarkup),
    item: (index) => {
      const knownBytes = input.knownItemBytes?.get(ranked[index] ?? '');
      if (knownBytes !== undefined) return knownBytes;
      if (index >= itemBytes.length) {
        const batch = items.slice(itemBytes.length, Math.max(index + 1, itemBytes.length + ITEM_BATCH));
        itemBytes.push(
          ...bytesOfEach(
            batch.map((item) =>
              item === undefined ? createElement(Fragment) : createElement(DigestItem, { item, bilingual }),
            ),
          ),
        );
      }
      return itemBytes[index] ?? 0;
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

/** What each item costs compacted, from renders of the compacted parts alone (all small). */
function compactCosts(
  compacted: DigestProps,
  ids: readonly string[],
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
  const sizes = bytesOfEach(all.map((item) => createElement(CompactLine, { languages, item })));
  all.forEach((item, index) => lines.set(item.id, sizes[index] ?? 0));
  // The notice differs only in its numbers (and "is" for one): one render per number of digits.
  const notices = new Map<string, number>();
  return {
    line: (index) => lines.get(ids[index] ?? '') ?? 0,
    list: bytesOf(createElement(CompactItems, { languages, items: [] })),
    notice: (shown) => {
      const digits = shown === 1 ? 'one' : String(String(shown).length);
      let bytes = notices.get(digits);
      if (bytes === undefined) {
        bytes = bytesOf(
          createElement(CompactedNotice, {
            languages,
            shown,
            total: ids.length,
            fullEditionUrl: compacted.fullEditionUrl,
          }),
        );
        notices.set(digits, bytes);
      }
      return bytes;
    },
    categoryOf: ids.map((id) => categoryOf.get(id) ?? -1),
  };
}

function bytesOf(element: ReactElement): number {
  return Buffer.byteLength(renderToStaticMarkup(element));
}

const SEPARATOR = '<gz-e></gz-e>';

/** The bytes of each element, from one render (a render has a fixed cost worth sharing). */
function bytesOfEach(elements: ReactElement[]): number[] {
  if (elements.length === 0) return [];
  const children = elements.flatMap((element, index) => [
    createElement(Fragment, { key: `e${index}` }, element),
    createElement('gz-e', { key: `s${index}` }),
  ]);
  const parts = renderToStaticMarkup(createElement(Fragment, null, ...children)).split(SEPARATOR);
  return elements.map((_, index) => Buffer.byteLength(parts[index] ?? ''));
}
