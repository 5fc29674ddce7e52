const DARK_FEATURE = /\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi;
const LIGHT_FEATURE = /\(\s*prefers-color-scheme\s*:\s*light\s*\)/gi;
const FORCE_DARK =
  '<meta name="color-scheme" content="dark"><style>:root{color-scheme:dark!important}</style>';

/**
 * The previewed copy of an email as a dark-mode client that honours `prefers-color-scheme`
 * (Apple Mail, Outlook.com and Outlook for iOS/macOS, Samsung) shows it: the email's dark media
 * blocks always apply, its light-only blocks never, and the canvas is dark. Rewriting the copy
 * is deterministic: it does not depend on the editor's own OS setting nor on how a browser
 * passes the colour scheme into a sandboxed iframe. Gmail and classic Outlook ignore these
 * blocks (Gmail's apps invert colours on their own), so the light view is theirs.
 */
export function darkCopy(html: string): string {
  const rewritten = html.replace(DARK_FEATURE, '(min-width:0px)').replace(LIGHT_FEATURE, '(max-width:0px)');
  // Last in <head>, so it wins over the email's own `color-scheme: light dark`.
  const at = rewritten.search(/<\/head>/i);
  return at === -1 ? FORCE_DARK + rewritten : rewritten.slice(0, at) + FORCE_DARK + rewritten.slice(at);
}
