/**
 * MJML 5 writes its templates' indentation into the HTML (a quarter of a digest's bytes), and its
 * own `minify` cannot run on Node 20. Only line breaks with their indentation are removed: React
 * writes content without line breaks between tags, so a line break is MJML's; inside text it
 * becomes a space, which renders the same outside `<pre>` (Gazette emails have none).
 */
export function collapseWhitespace(html: string): string {
  return html
    .replace(/>\s*\n\s*</g, '><')
    .replace(/[ \t]*\n\s*/g, (_, offset: number) => (offset === 0 ? '' : ' '));
}
