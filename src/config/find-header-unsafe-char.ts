/**
 * Characters that may not reach a mail header: every C0 control (CR, LF, NUL, TAB…) and DEL,
 * which RFC 5322 §2.2 leaves out of header field bodies, plus the Unicode line breaks NEL
 * (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), which some mail software
 * treats as new lines (a header injection once encoded and decoded).
 */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const UNSAFE = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/u;

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line feed',
  0x0d: 'carriage return',
  0x85: 'next line',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
};

/** The first character of value that may not go into a mail header, described (`U+2028 (line separator)`), or undefined. */
export function findHeaderUnsafeChar(value: string): string | undefined {
  const match = UNSAFE.exec(value);
  if (match === null) return undefined;
  const code = match[0].codePointAt(0) ?? 0;
  const name = NAMES[code];
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${name === undefined ? ' (a control character)' : ` (${name})`}`;
}
