import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { GazetteError } from '../errors.ts';

/** A template's MJML markup; a template that throws fails with RENDER_FAILED and its name. */
export function renderMarkup(element: ReactElement, template: string): string {
  try {
    return renderToStaticMarkup(element);
  } catch (error) {
    throw new GazetteError(
      'RENDER_FAILED',
      `Rendering ${template} failed: ${(error as Error).message}`,
      {
        template,
      },
      { cause: error },
    );
  }
}
