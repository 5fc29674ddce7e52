/**
 * MJML 5 writes its templates' indentation into the HTML (a quarter of a digest's bytes), and its
 * own `minify` cannot run on Node 20. Only line breaks with their indentation are removed: React
 * writes content without line breaks between tags, so a line break is MJML's. Between two tags it
 * goes; inside text it becomes a space, which renders the same outside `<pre>` (Gazette emails
 * have none). One pass: this runs on every rendered email.
 */
export function collapseWhitespace(html: string): string {
  return html.replace(/[ \t]*\n\s*/g, (run: string, offset: number) =>
    offset === 0 || (html.charCodeAt(offset - 1) === GT && html.charCodeAt(offset + run.length) === LT)
      ? ''
      : ' ',
  );
}

const GT = 0x3e; // >
const LT = 0x3c; // <
