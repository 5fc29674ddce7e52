import { addressField, readFields } from './read-fields.ts';
import type { Finding } from './finding.ts';
import type { ParsedInbound } from './parse-inbound.ts';

/**
 * RFC 5965 Abuse Reporting Format (Yahoo's CFL, Microsoft's JMRP, …): a complaint about the
 * original message. The recipient comes from Original-Rcpt-To when it is not redacted; otherwise
 * the original message's Message-ID (or VERP envelope) ties it to the ledger.
 */
export function readArf(mail: ParsedInbound): Finding[] | undefined {
  const part = mail.parts.find((p) => p.contentType === 'message/feedback-report');
  if (part === undefined) return undefined;
  const fields = readFields(part.text)[0]?.fields;
  if (fields === undefined) return undefined;
  const type = (fields.get('feedback-type') ?? 'abuse').toLowerCase();
  // RFC 5965 §7.3: abuse, fraud, virus, other are complaints; not-spam and auth-failure are not.
  if (type === 'not-spam' || type === 'auth-failure') return [];
  const recipient = addressField(fields.get('original-rcpt-to'));
  return [
    {
      kind: 'complaint',
      recipient: recipient?.toLowerCase(),
      status: type,
      diagnostic: fields.get('user-agent'),
    },
  ];
}
