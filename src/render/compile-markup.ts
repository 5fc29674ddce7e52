import mjml2html from 'mjml';
import { GazetteError } from '../errors.ts';

/**
 * MJML markup → email HTML. MJML's errors are judged here: any error fails the render with the
 * template's name, never a silently broken email.
 */
export async function compileMarkup(markup: string, template: string): Promise<string> {
  // fonts: {} stops MJML from injecting Google Fonts links; minify is broken on Node 20 (cssnano).
  const result = await mjml2html(markup, { validationLevel: 'strict', fonts: {}, keepComments: false });
  if (result.errors.length > 0) {
    const detail = result.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ');
    throw new GazetteError('RENDER_MJML', `MJML rejected ${template}: ${detail}`, { template });
  }
  return result.html;
}
