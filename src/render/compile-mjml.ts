import type { ReactElement } from 'react';
import { compileMarkup } from './compile-markup.ts';
import { renderMarkup } from './render-markup.ts';

/**
 * React (mjml-react blocks + lean HTML) → MJML markup → email HTML. React escapes every text
 * node, so content stays data; MJML's errors fail the render (see `compileMarkup`).
 */
export async function compileMjml(element: ReactElement, template: string): Promise<string> {
  return compileMarkup(renderMarkup(element, template), template);
}
