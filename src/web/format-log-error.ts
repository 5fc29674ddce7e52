import { isGazetteError } from '../errors.ts';

/** Anything shaped like a mail address, also inside `<…>` in an SMTP reply. */
const ADDRESS = /[^\s<>"'(),;:@[\]/]+@[^\s<>"'(),;:@[\]]+/g;

/**
 * An error as one log entry without any mail address: SMTP replies and nodemailer messages
 * quote the recipient ("550 5.1.1 <reader@example.com> unknown"), and the log names a reader
 * only by subscriber id (issue 11: a forgotten reader must leave no trace in the log).
 */
export function formatLogError(error: unknown): string {
  if (error === undefined) return '';
  const code = isGazetteError(error) ? `${error.code} ` : '';
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  // The SMTP reply is usually the cause of a "mail to subscriber N failed".
  const cause =
    error instanceof Error && error.cause !== undefined ? `\ncaused by: ${formatLogError(error.cause)}` : '';
  return `${code}${text}`.replace(ADDRESS, '<address>') + cause;
}
