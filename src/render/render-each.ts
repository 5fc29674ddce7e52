import { createElement, Fragment } from 'react';
import type { ReactElement } from 'react';
import { renderMarkup } from './render-markup.ts';

// Between two elements: content cannot write it (React escapes `<` in text and attributes).
const SEPARATOR = '<gz-e></gz-e>';

/**
 * The markup of each element, from one React render (a render has a fixed cost worth sharing).
 * A static render writes an element the same wherever it stands (no text separators, no ids), so
 * each piece is exactly what the element writes inside a larger tree.
 */
export function renderEach(elements: readonly ReactElement[], template: string): string[] {
  if (elements.length === 0) return [];
  if (elements.length === 1) return [renderMarkup(elements[0] as ReactElement, template)];
  const children = elements.flatMap((element, index) => [
    createElement(Fragment, { key: `e${index}` }, element),
    createElement('gz-e', { key: `s${index}` }),
  ]);
  const parts = renderMarkup(createElement(Fragment, null, ...children), template).split(SEPARATOR);
  return elements.map((_, index) => parts[index] ?? '');
}
