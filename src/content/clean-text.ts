import { decodeHTMLStrict } from 'entities';

// C0/C1 control characters other than tab and newline, plus bidi overrides that can spoof text.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Normalise one text field: feed text arrives HTML-encoded (`&#8217;`), so decode entities once
 * here and never again; fold line endings, drop control characters, compose Hangul (NFC).
 * Strict decoding: only entities ending in `;`, so plain text such as "AT&T" or "&copy2026" stays.
 */
export function cleanText(value: string): string {
  return decodeHTMLStrict(value)
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE_CHARS, '')
    .normalize('NFC')
    .trim();
}
