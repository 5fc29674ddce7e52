import { findHeaderUnsafeChar } from '../config/find-header-unsafe-char.ts';
import { GazetteError } from '../errors.ts';

/**
 * nodemailer's rule, applied at the boundary: a value bound for a header may not hold a line
 * break (CR, LF, U+0085, U+2028, U+2029) or any other control character such as NUL.
 */
export function assertHeaderSafe(value: string, field: string): string {
  const found = findHeaderUnsafeChar(value);
  if (found !== undefined) {
    throw new GazetteError(
      'HEADER_INJECTION',
      `${field} contains ${found}, a line break or control character; refusing to put it in a mail header.`,
      { field },
    );
  }
  return value;
}
