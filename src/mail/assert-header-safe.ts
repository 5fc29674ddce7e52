import { GazetteError } from '../errors.ts';

/** nodemailer's rule, applied at the boundary: a value bound for a header may not hold CR or LF. */
export function assertHeaderSafe(value: string, field: string): string {
  if (/[\r\n\u2028\u2029]/.test(value)) {
    throw new GazetteError(
      'HEADER_INJECTION',
      `${field} contains a line break; refusing to put it in a mail header.`,
      {
        field,
      },
    );
  }
  return value;
}
