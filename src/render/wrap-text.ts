/** Display width: Hangul and other East Asian wide characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair (emoji and other astral characters) is one character, one column.
    if (code >= 0xd800 && code <= 0xdbff) i++;
    width += isWide(code) ? 2 : 1;
  }
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

// Hangul Jamo, CJK and Hangul syllables, compatibility ideographs, CJK forms, full-width forms.
// Compared as numbers: a regular expression test per character dominated wrapping.
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}
