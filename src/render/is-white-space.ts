/**
 * Whether a UTF-16 code unit is white space as `\s` and `trim` mean it (ECMAScript's WhiteSpace
 * and LineTerminator: ASCII tab to carriage return and space, U+00A0, U+1680, U+2000–U+200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF), without a regular expression per character:
 * the renderer asks it of every character of an email's text.
 */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  if (code === 0xa0 || code === 0x1680 || code === 0x3000 || code === 0xfeff) return true;
  return (
    code >= 0x2000 &&
    (code <= 0x200a || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f)
  );
}
