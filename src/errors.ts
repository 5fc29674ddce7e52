/**
 * The one error type of Gazette. Every failure that reaches a user carries a stable `code`
 * (listed in ERROR_CODES), a message that names the operation and the fix, and context.
 */
export const ERROR_CODES = {
  CONFIG_NOT_FOUND: 'The config file given with --config does not exist',
  CONFIG_INVALID: 'The config file or an environment variable holds an invalid value',
  CONTENT_DIR: 'The content folder cannot be read',
  CONTENT_FILE: 'A content file is unreadable, empty, binary, too large or has no front matter',
  CONTENT_YAML: 'A content file has front matter that is not valid YAML',
  CONTENT_FIELD: 'A content file has a missing or invalid field',
  CONTENT_DUPLICATE_ID: 'Two content files share one id',
  CONTENT_UNSAFE_URL: 'A URL in a content file is not http(s) and was dropped',
  RENDER_FAILED: 'An email template failed to render',
  RENDER_MJML: 'MJML reported errors while compiling an email',
  RENDER_BUDGET: 'An email is over its size budget even after compacting',
  USAGE: 'A command was called with unknown flags or bad values',
  STORE: 'The subscriber store failed',
  SUBSCRIBER_INVALID: 'A subscriber field is invalid',
  SUBSCRIBER_NOT_FOUND: 'No subscriber has that address',
  TOKEN_INVALID: 'A link token is forged, altered or expired',
  SMTP_CONNECTION: 'The SMTP server cannot be reached',
  SMTP_TRANSIENT: 'The SMTP server deferred a message (4xx)',
  SMTP_PERMANENT: 'The SMTP server rejected a message (5xx)',
  SMTP_POLICY: 'The SMTP server rejected a message for policy reasons (5.7.x)',
  SMTP_AUTH:
    'The SMTP server refused the login (530/535): the user or password in SMTP_URL is wrong or missing',
  HEADER_INJECTION: 'A value bound for a mail header contains a line break or other control character',
  SECRET_MISSING: 'GAZETTE_SECRET is unset or too short',
  PREVIEW_NOT_FOUND: 'The preview has no edition or email by that name',
  PREVIEW_WORKER: 'The preview render process crashed, timed out or could not start',
  OUTPUT_CLOSED: 'The reader of the output closed it (a pipe such as `| head`): the command stops quietly',
  INBOUND_CONFIG:
    'The inbound receiver is not configured: inbound.domain (or the IMAP URL) is missing or invalid',
  INBOUND_STORE: 'A received message could not be stored; the sender is told to retry (451)',
  INBOUND_IMAP: 'The IMAP mailbox cannot be reached, logged into or read',
  INBOUND_WEBHOOK: 'A provider webhook was refused: its signature, certificate URL or credentials are wrong',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Context that helps the reader find the fault. */
export interface ErrorContext {
  file?: string;
  field?: string;
  line?: number;
  recipient?: string;
  smtpResponse?: string;
  [key: string]: unknown;
}

export class GazetteError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GazetteError';
    this.code = code;
    this.context = context;
  }
}

export function isGazetteError(error: unknown, code?: ErrorCode): error is GazetteError {
  return error instanceof GazetteError && (code === undefined || error.code === code);
}
