import { addressField, readFields } from './read-fields.ts';
import { bounceSeverity, findStatusCode } from './bounce-severity.ts';
import type { Finding } from './finding.ts';
import type { ParsedInbound } from './parse-inbound.ts';

/**
 * RFC 3464 delivery status notifications (inside RFC 6522 multipart/report): one finding per
 * recipient group, from its Final-Recipient (or Original-Recipient), Action, Status and
 * Diagnostic-Code. Undefined when the message has no delivery-status part.
 */
export function readDsn(mail: ParsedInbound): Finding[] | undefined {
  const part = mail.parts.find(
    (p) => p.contentType === 'message/delivery-status' || p.contentType === 'message/global-delivery-status',
  );
  if (part === undefined) return undefined;
  const [, ...recipients] = readFields(part.text);
  const findings: Finding[] = [];
  for (const group of recipients) {
    const recipient =
      addressField(group.fields.get('final-recipient')) ??
      addressField(group.fields.get('original-recipient'));
    const diagnostic = group.fields.get('diagnostic-code')?.replace(/^smtp\s*;\s*/i, '');
    const action = group.fields.get('action');
    const status = findStatusCode(group.fields.get('status') ?? '') ?? findStatusCode(diagnostic ?? '');
    if (recipient === undefined && status === undefined) continue;
    // A DSN for a message that was delivered (Action: delivered) is no bounce.
    if (action?.toLowerCase() === 'delivered') continue;
    const severity = bounceSeverity(status ?? '5.0.0', action);
    findings.push({
      kind: severity === 'hard' ? 'hard-bounce' : severity === 'soft' ? 'soft-bounce' : 'delayed',
      recipient: recipient?.toLowerCase(),
      status: status ?? (action?.toLowerCase() === 'delayed' ? '4.0.0' : '5.0.0'),
      diagnostic,
    });
  }
  return findings.length > 0 ? findings : undefined;
}
