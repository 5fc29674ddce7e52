import { GazetteError } from '../errors.ts';

interface NodemailerError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

/**
 * Turn a nodemailer failure into a GazetteError: a refused login (EAUTH, 530, 535) → SMTP_AUTH
 * (fix SMTP_URL; every message would fail the same way), 5.7.x → SMTP_POLICY (stop and look),
 * other 5xx → SMTP_PERMANENT (never retry), 4xx → SMTP_TRANSIENT (retry later),
 * no reply at all → SMTP_CONNECTION (retry later).
 */
export function classifySmtpError(error: unknown, recipient?: string): GazetteError {
  const e = error as NodemailerError;
  const response = (e.response ?? e.message ?? String(error)).trim();
  const context = { recipient, smtpResponse: response, responseCode: e.responseCode };
  // RFC 4954 §6: 535 5.7.8 bad credentials, 530 5.7.0 authentication required. Both carry a
  // 5.7.x code too, but no pause and no SPF/DKIM advice will fix a wrong password.
  if (e.code === 'EAUTH' || e.responseCode === 530 || e.responseCode === 535) {
    return new GazetteError(
      'SMTP_AUTH',
      `The SMTP server refused the login: ${response}. Check the user and password in SMTP_URL ` +
        '(smtp://USER:PASSWORD@host:587, with special characters percent-encoded) and that the account may send mail.',
      context,
      { cause: error },
    );
  }
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
