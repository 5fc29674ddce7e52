import { eastAsianWidth } from 'get-east-asian-width';
import { isWhiteSpace } from './is-white-space.ts';

/**
 * Display width in a terminal or a plain-text mail reader: East Asian wide and full-width
 * characters (Hangul, CJK including the astral extensions, emoji) take two columns, by Unicode's
 * East Asian Width (get-east-asian-width); ambiguous ones one, as UAX #11 advises without context.
 * The text part measures every word of a digest, so the two commonest cases skip the lookup:
 * below U+1100 nothing is wide, and Hangul syllables are (a test checks both against the table).
 */
export function displayWidth(text: string): number {
  return widthOf(text, 0, text.length);
}

/** The display width of `text` from `start` up to `end` (UTF-16 indexes). */
function widthOf(text: string, start: number, end: number): number {
  let width = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < FIRST_WIDE) width += 1;
    else if (code >= HANGUL_FIRST && code <= HANGUL_LAST) width += 2;
    else {
      const point = text.codePointAt(index) ?? code;
      // An astral character is two UTF-16 units and one character.
      if (point > 0xffff) index++;
      width += eastAsianWidth(point, { ambiguousAsWide: false });
    }
  }
  return width;
}

// U+1100 (Hangul Jamo) is the first wide code point; U+AC00–U+D7A3 are the Hangul syllables.
const FIRST_WIDE = 0x1100;
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

/**
 * Wrap prose at word boundaries for a plain-text part: `first` prefixes the first line, `rest`
 * the others (a hanging indent). A word wider than the line (a URL) stays whole on its own line,
 * so links keep working when clicked. Words are runs between white space (`\s`), joined by one
 * space; widths are kept per line, not re-measured per word. One scan per paragraph, no regular
 * expression: the text part wraps every paragraph of a digest.
 */
export function wrapText(text: string, width = 76, first = '', rest = first): string {
  const lines: string[] = [];
  const restWidth = displayWidth(rest);
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let lineWidth = lines.length === 0 ? displayWidth(first) : restWidth;
    let empty = true;
    let index = 0;
    while (index < paragraph.length) {
      if (isWhiteSpace(paragraph.charCodeAt(index))) {
        index++;
        continue;
      }
      const start = index;
      while (index < paragraph.length && !isWhiteSpace(paragraph.charCodeAt(index))) index++;
      const word = paragraph.slice(start, index);
      const wordWidth = widthOf(paragraph, start, index);
      if (!empty && lineWidth + 1 + wordWidth > width) {
        lines.push(line);
        line = rest + word;
        lineWidth = restWidth + wordWidth;
      } else {
        line += (empty ? '' : ' ') + word;
        lineWidth += (empty ? 0 : 1) + wordWidth;
      }
      empty = false;
    }
    // A line ends with a word, so only a line of its prefix alone has white space to trim.
    lines.push(empty ? line.trimEnd() : line);
  }
  return lines.join('\n');
}
