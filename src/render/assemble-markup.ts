import { createElement } from 'react';
import { DigestEmail } from '../../emails/digest-email.tsx';
import type { DigestProps } from '../../emails/digest-props.ts';
import { GazetteError } from '../errors.ts';
import type { DigestParts } from './digest-parts.ts';
import { renderMarkup } from './render-markup.ts';

// `PartSlot` as React writes it: item or headline, section index, index in the section. Content
// cannot write one (React escapes `<` in text and attributes).
const SLOTS = /<gz-([il]) s="(\d+)" n="(\d+)"><\/gz-[il]>/g;

/**
 * A view's MJML markup, the same string as rendering the whole view through React
 * (`digestMarkup`), without rendering its items and headlines again: React renders the frame,
 * where each full item and each compacted headline is a slot naming its place in the view, and
 * each slot gets that part's markup from `parts` (rendered once per render, from React too).
 * `markers`: with the measuring markers (`MeasureMarker`).
 */
export function assembleMarkup(
  view: DigestProps,
  parts: DigestParts,
  template: string,
  markers = false,
): string {
  const frame = renderMarkup(createElement(DigestEmail, { ...view, markers, slots: true }), template);
  const { sections } = view;
  // Those not rendered yet in one render each for items and headlines, then back per section.
  const items = perSection(
    sections.map((section) => section.items.length),
    parts.itemMarkup(sections.flatMap((section) => section.items)),
  );
  const lines = perSection(
    sections.map((section) => section.compacted.length),
    parts.lineMarkup(sections.flatMap((section) => section.compacted)),
  );
  const expected = sections.reduce(
    (sum, section) => sum + section.items.length + section.compacted.length,
    0,
  );
  let filled = 0;
  const markup = frame.replace(SLOTS, (_, kind: string, s: string, n: string) => {
    const part = (kind === 'i' ? items : lines)[Number(s)]?.[Number(n)];
    if (part === undefined) throw slotError(template, `${kind}${s}.${n}`);
    filled++;
    return part;
  });
  if (filled !== expected) throw slotError(template, `${filled} of ${expected}`);
  return markup;
}

function perSection(counts: readonly number[], markup: readonly string[]): string[][] {
  let start = 0;
  return counts.map((count) => markup.slice(start, (start += count)));
}

function slotError(template: string, slot: string): GazetteError {
  return new GazetteError(
    'RENDER_FAILED',
    `Rendering ${template} failed: the template's item slots do not match the view (${slot}).`,
    { template },
  );
}
