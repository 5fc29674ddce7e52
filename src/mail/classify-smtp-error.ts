import { GazetteError } from '../errors.ts';

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

/**
 * Turn a nodemailer failure into a GazetteError: 5.7.x → SMTP_POLICY (stop and look),
 * other 5xx → SMTP_PERMANENT (never retry), 4xx → SMTP_TRANSIENT (retry later),
 * no reply at all → SMTP_CONNECTION (retry later).
 */
export function classifySmtpError(error: unknown, recipient?: string): GazetteError {
  const e = error as NodemailerError;
  const response = (e.response ?? e.message ?? String(error)).trim();
  const context = { recipient, smtpResponse: response, responseCode: e.responseCode };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
    if (/\b5\.7\.\d+/.test(response)) {
      return new GazetteError(
        'SMTP_POLICY',
        `The SMTP server refused the message for policy reasons: ${response}`,
        context,
        {
          cause: error,
        },
      );
    }
    return new GazetteError('SMTP_PERMANENT', `The SMTP server rejected the message: ${response}`, context, {
      cause: error,
    });
  }
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) {
    return new GazetteError('SMTP_TRANSIENT', `The SMTP server deferred the message: ${response}`, context, {
      cause: error,
    });
  }
  return new GazetteError(
    'SMTP_CONNECTION',
    `Could not talk to the SMTP server (${e.code ?? 'no reply'}): ${response}. Check SMTP_URL and that the server is up.`,
    context,
    { cause: error },
  );
}

/** True for a failure worth retrying later. */
export function isTransient(error: GazetteError): boolean {
  return error.code === 'SMTP_TRANSIENT' || error.code === 'SMTP_CONNECTION';
}
