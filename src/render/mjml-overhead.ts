import type { MarkerKind } from '../../emails/components/measure-marker.tsx';
import type { Regions } from './measure-regions.ts';

/**
 * What MJML adds to the markup of a digest: a fixed amount per section of each kind (the tables
 * and Outlook conditionals around a text block; the text itself passes through verbatim) and a
 * fixed frame (head, styles, body wrapper) plus the title, which MJML writes twice.
 */
export interface MjmlOverhead {
  /** Head and body frame, without the title's second copy. */
  frame: number;
  bySection: Partial<Record<MarkerKind, number>>;
}

/** Learn the overhead from one compiled digest: its markup and its HTML, measured by markers. */
export function learnOverhead(markup: Regions, html: Regions, titleInHtml: number): MjmlOverhead {
  const bySection: MjmlOverhead['bySection'] = {};
  let sections = 0;
  markup.sections.forEach((section, index) => {
    const compiled = html.sections[index];
    if (compiled === undefined || compiled.kind !== section.kind) {
      throw new Error(`markup and HTML sections differ at ${index}: ${section.kind} / ${compiled?.kind}`);
    }
    const added = compiled.bytes - section.bytes;
    // Every section of a kind has the same attributes, so the same overhead; keep the largest.
    bySection[section.kind] = Math.max(bySection[section.kind] ?? added, added);
    sections += added;
  });
  return { frame: html.total - markup.total - sections - titleInHtml, bySection };
}

/** The bytes MJML adds to `markup`, as learned; undefined when a section kind was never seen. */
export function predictOverhead(
  overhead: MjmlOverhead,
  sections: readonly MarkerKind[],
  titleInHtml: number,
): number | undefined {
  let sum = overhead.frame + titleInHtml;
  for (const kind of sections) {
    const added = overhead.bySection[kind];
    if (added === undefined) return undefined;
    sum += added;
  }
  return sum;
}

/** What one compile taught about a template: its MJML overhead and the least an item adds. */
export interface LearnedOverhead {
  overhead: MjmlOverhead;
  /** The least an item's HTML adds beyond its words: a floor to spot certainly-over days cheaply. */
  itemFloor: number;
}

/**
 * Where learned overheads are kept, by template fingerprint (see `templateFingerprint`). A `Map`
 * will do; inject one to keep a render independent of what was rendered before it.
 */
export interface OverheadCache {
  get(key: string): LearnedOverhead | undefined;
  set(key: string, value: LearnedOverhead): unknown;
  delete(key: string): unknown;
}
