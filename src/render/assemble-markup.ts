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
  const items = sections.map((section) => parts.itemMarkup(section.items));
  const lines = sections.map((section) => parts.lineMarkup(section.compacted));
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

function slotError(template: string, slot: string): GazetteError {
  return new GazetteError(
    'RENDER_FAILED',
    `Rendering ${template} failed: the template's item slots do not match the view (${slot}).`,
    { template },
  );
}
