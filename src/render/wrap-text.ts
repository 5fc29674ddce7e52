import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Display width in a terminal or a plain-text mail reader: East Asian wide and full-width
 * characters (Hangul, CJK including the astral extensions, emoji) take two columns, by Unicode's
 * East Asian Width (get-east-asian-width); ambiguous ones one, as UAX #11 advises without context.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += eastAsianWidth(char.codePointAt(0) ?? 0, { ambiguousAsWide: false });
  return width;
}

/**
 * Wrap prose at word boundaries for a plain-text part: `first` prefixes the first line, `rest`
 * the others (a hanging indent). A word wider than the line (a URL) stays whole on its own line,
 * so links keep working when clicked. Widths are kept per line, not re-measured per word.
 */
export function wrapText(text: string, width = 76, first = '', rest = first): string {
  const lines: string[] = [];
  const restWidth = displayWidth(rest);
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let lineWidth = lines.length === 0 ? displayWidth(first) : restWidth;
    let empty = true;
    for (const word of paragraph.split(/\s+/)) {
      if (word === '') continue;
      const wordWidth = displayWidth(word);
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
    lines.push(line);
  }
  return lines.map((l) => l.trimEnd()).join('\n');
}
