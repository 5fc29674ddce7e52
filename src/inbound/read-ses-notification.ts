import { bounceSeverity } from './bounce-severity.ts';
import type { Classification, Finding } from './finding.ts';

/**
 * An Amazon SES notification (the `Message` of an SNS notification): Bounce, Complaint or
 * Delivery, as SNS notifications (`notificationType`) or event publishing (`eventType`).
 */
export function readSesNotification(message: unknown): Classification {
  const ses = (message ?? {}) as SesNotification;
  const type = ses.notificationType ?? ses.eventType;
  const originalMessageIds = [
    ses.mail?.commonHeaders?.messageId,
    ...(ses.mail?.headers ?? []).filter((h) => h.name?.toLowerCase() === 'message-id').map((h) => h.value),
  ].filter((id): id is string => typeof id === 'string');
  if (type === 'Bounce') {
    const permanent = ses.bounce?.bounceType === 'Permanent';
    const findings = (ses.bounce?.bouncedRecipients ?? []).map((r): Finding => {
      const status = r.status ?? (permanent ? '5.1.1' : '4.0.0');
      // SES calls a full mailbox Permanent/General at times; the status code decides.
      const severity =
        r.status === undefined ? (permanent ? 'hard' : 'soft') : bounceSeverity(status, r.action);
      return {
        kind: severity === 'hard' ? 'hard-bounce' : severity === 'soft' ? 'soft-bounce' : 'delayed',
        recipient: r.emailAddress?.toLowerCase(),
        status,
        diagnostic: r.diagnosticCode ?? `${ses.bounce?.bounceType}/${ses.bounce?.bounceSubType}`,
      };
    });
    return { kind: 'bounce', findings, originalMessageIds };
  }
  if (type === 'Complaint') {
    // "not-spam" is a recipient taking a message out of spam: no complaint (RFC 5965 §7.3).
    if (ses.complaint?.complaintFeedbackType === 'not-spam') {
      return { kind: 'ignored', findings: [], originalMessageIds, note: 'SES not-spam feedback' };
    }
    const findings = (ses.complaint?.complainedRecipients ?? []).map((r): Finding => ({
      kind: 'complaint',
      recipient: r.emailAddress?.toLowerCase(),
      status: ses.complaint?.complaintFeedbackType ?? 'abuse',
      diagnostic: ses.complaint?.userAgent,
    }));
    return { kind: 'complaint', findings, originalMessageIds };
  }
  if (type === 'Delivery' || type === 'Send' || type === 'Open' || type === 'Click') {
    return { kind: 'ignored', findings: [], originalMessageIds, note: `SES ${type} notification` };
  }
  return {
    kind: 'unrecognised',
    findings: [],
    originalMessageIds,
    note: `SES notification type ${String(type)}`,
  };
}

interface SesNotification {
  notificationType?: string;
  eventType?: string;
  bounce?: {
    bounceType?: string;
    bounceSubType?: string;
    bouncedRecipients?: {
      emailAddress?: string;
      action?: string;
      status?: string;
      diagnosticCode?: string;
    }[];
  };
  complaint?: {
    complainedRecipients?: { emailAddress?: string }[];
    complaintFeedbackType?: string;
    userAgent?: string;
  };
  mail?: { commonHeaders?: { messageId?: string }; headers?: { name?: string; value?: string }[] };
}
