import { classifyInbound } from './classify-inbound.ts';
import type { Classification } from './finding.ts';
import type { InboundSettings } from './inbound-settings.ts';
import type { StoredMessage } from './inbound-store.ts';
import { parseInbound } from './parse-inbound.ts';
import { readPostmarkRecord } from './read-postmark-record.ts';
import { readSesNotification } from './read-ses-notification.ts';

/** A stored message understood: mail (SMTP, IMAP) is parsed as MIME, webhooks as their JSON. */
export async function understandMessage(
  stored: StoredMessage,
  settings: InboundSettings,
): Promise<Classification> {
  if (stored.source === 'ses' || stored.source === 'postmark') {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(stored.raw).toString('utf8'));
    } catch (error) {
      return {
        kind: 'unrecognised',
        findings: [],
        originalMessageIds: [],
        note: `unreadable JSON: ${(error as Error).message}`,
      };
    }
    if (stored.source === 'postmark') return readPostmarkRecord(body);
    // The stored body is the whole SNS envelope (its signature is the evidence); SES is inside.
    const message = (body as { Message?: unknown }).Message;
    try {
      return readSesNotification(typeof message === 'string' ? JSON.parse(message) : message);
    } catch (error) {
      return {
        kind: 'unrecognised',
        findings: [],
        originalMessageIds: [],
        note: `unreadable SES message: ${(error as Error).message}`,
      };
    }
  }
  const mail = await parseInbound(Buffer.from(stored.raw));
  return classifyInbound(mail, {
    mailFrom: stored.mail_from ?? undefined,
    isOurs: settings.isOurs,
    requestDomain: settings.requestDomain,
    rcptTo: JSON.parse(stored.rcpt_to) as string[],
    categories: settings.categories,
  });
}
