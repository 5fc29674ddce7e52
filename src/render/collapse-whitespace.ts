import { isWhiteSpace } from './is-white-space.ts';

/**
 * MJML 5 writes its templates' indentation into the HTML (a quarter of a digest's bytes), and its
 * own `minify` cannot run on Node 20. Only line breaks with their indentation are removed: React
 * writes content without line breaks between tags, so a line break is MJML's. A run is the spaces
 * and tabs before a line break, the break and all white space after it (the regular expression
 * `[ \t]*\n\s*`): between two tags it goes; inside text it becomes a space, which renders the same
 * outside `<pre>` (Gazette emails have none). One pass from line break to line break, without a
 * callback per run: this runs on every rendered email.
 */
export function collapseWhitespace(html: string): string {
  const out: string[] = [];
  let copied = 0;
  for (let newline = html.indexOf('\n'); newline !== -1; newline = html.indexOf('\n', copied)) {
    let start = newline;
    while (start > copied && isBlank(html.charCodeAt(start - 1))) start--;
    let end = newline + 1;
    while (end < html.length && isWhiteSpace(html.charCodeAt(end))) end++;
    out.push(html.slice(copied, start));
    if (start > 0 && !(html.charCodeAt(start - 1) === GT && html.charCodeAt(end) === LT)) out.push(' ');
    copied = end;
  }
  out.push(html.slice(copied));
  return out.join('');
}

const GT = 0x3e; // >
const LT = 0x3c; // <

/** A space or a tab. */
function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
