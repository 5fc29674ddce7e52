import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { OutgoingMail } from '../mail/outgoing-mail.ts';
import type { PersonalizedDigest } from './digest-renderer.ts';
import { deliveryMessageId } from './delivery-message-id.ts';

/** 정보통신망법 §50(4): advertising mail starts its subject with (광고). */
export const AD_PREFIX = '(광고)';

export interface ComposeInput {
  config: Config;
  list: ListConfig;
  edition: { date: string; advertising: boolean };
  recipient: { subscriberId: string; email: string };
  digest: PersonalizedDigest;
  unsubscribeUrl: string;
  /** Issue 14: this recipient's own mailto (`unsubscribe+TOKEN@…`); else config.unsubscribeMailto. */
  unsubscribeMailto?: string;
}

/** The message for one recipient: every header the issue asks for, values checked by the mailer. */
export function composeMail(input: ComposeInput): OutgoingMail {
  const { config, list, edition, recipient, digest } = input;
  const domain = domainOf(config.from.email);
  const subject =
    edition.advertising && !digest.subject.startsWith(AD_PREFIX)
      ? `${AD_PREFIX} ${digest.subject}`
      : digest.subject;
  return {
    from: { name: config.from.name, address: config.from.email },
    to: recipient.email,
    replyTo: config.replyTo,
    subject,
    html: digest.html,
    text: digest.text,
    messageId: deliveryMessageId(edition.date, list.id, recipient.subscriberId, domain),
    // RFC 2919: a phrase and a unique dotted id per list.
    listId: `${list.name.en.replace(/[<>"]/g, '')} <${list.id}.${domain}>`,
    listUnsubscribe: {
      url: input.unsubscribeUrl,
      mailto: input.unsubscribeMailto ?? config.unsubscribeMailto,
    },
    envelopeFrom: config.send.verpDomain ? verpAddress(recipient.email, config.send.verpDomain) : undefined,
    // Gmail's Feedback Loop groups complaints by these fields.
    headers: { 'Feedback-ID': `${edition.date}:${list.id}:gazette` },
  };
}

/** VERP: the bounce comes back to an address that names the recipient (`bounce+user=host@verp`). */
function verpAddress(email: string, verpDomain: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at).replace(/[^A-Za-z0-9._-]/g, '_');
  return `bounce+${local}=${email.slice(at + 1)}@${verpDomain}`;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}
