import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import mjml2html from 'mjml';
import { GazetteError } from '../errors.ts';

/**
 * React (mjml-react blocks + react-email components) → MJML markup → email HTML.
 * React escapes every text node, so content stays data. MJML's errors are judged here: any
 * error fails the render with the template's name, never a silently broken email.
 */
export async function compileMjml(element: ReactElement, template: string): Promise<string> {
  let markup: string;
  try {
    markup = renderToStaticMarkup(element);
  } catch (error) {
    throw new GazetteError(
      'RENDER_FAILED',
      `Rendering ${template} failed: ${(error as Error).message}`,
      { template },
      {
        cause: error,
      },
    );
  }
  // fonts: {} stops MJML from injecting Google Fonts links; minify is broken on Node 20 (cssnano).
  const result = await mjml2html(markup, { validationLevel: 'strict', fonts: {}, keepComments: false });
  if (result.errors.length > 0) {
    const detail = result.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ');
    throw new GazetteError('RENDER_MJML', `MJML rejected ${template}: ${detail}`, { template });
  }
  return result.html;
}
