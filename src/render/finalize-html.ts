/** Section markers as MJML writes them into the HTML, and item markers inside text blocks. */
export const HTML_MARKER = /<!--gz:(\w+)-->/g;
export const INLINE_MARKER = /<gz-[se]><\/gz-[se]>/g;
/** Outlook's conditional blocks that MJML joins when two sections meet (mjml-core mergeOutlookConditionnals). */
export const OUTLOOK_JOIN = /(<!\[endif]-->\s*?<!--\[if mso \| IE]>)/gm;

/**
 * The HTML as it would have been compiled without measuring markers: the markers go, and the
 * Outlook conditionals they kept apart are joined the way MJML joins them.
 */
export function finalizeHtml(html: string): string {
  return html.replace(HTML_MARKER, '').replace(INLINE_MARKER, '').replace(OUTLOOK_JOIN, '');
}
