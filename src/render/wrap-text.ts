const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Display width: Hangul and other East Asian wide characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/**
 * Wrap prose at word boundaries for a plain-text part: `first` prefixes the first line, `rest`
 * the others (a hanging indent). A word wider than the line (a URL) stays whole on its own line,
 * so links keep working when clicked.
 */
export function wrapText(text: string, width = 76, first = '', rest = first): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let empty = true;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      if (!empty && displayWidth(line) + 1 + displayWidth(word) > width) {
        lines.push(line);
        line = rest + word;
      } else {
        line += (empty ? '' : ' ') + word;
      }
      empty = false;
    }
    lines.push(line);
  }
  return lines.map((l) => l.trimEnd()).join('\n');
}
