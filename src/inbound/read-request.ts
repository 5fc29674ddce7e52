import type { CategoryConfig } from '../config/config-schema.ts';
import { detectAutoReply } from './detect-auto-reply.ts';
import type { MailRequest } from './mail-request.ts';
import type { ParsedInbound } from './parse-inbound.ts';
import { readSubscribeWishes } from './read-subscribe-wishes.ts';

export interface RequestContext {
  /** inbound.domain: requests are addresses there; undefined turns requests off. */
  requestDomain?: string;
  /** The envelope recipients (SMTP), or what the delivering server wrote down (IMAP). */
  rcptTo?: readonly string[];
  categories?: readonly CategoryConfig[];
}

const ADDRESS = /^(unsubscribe|subscribe)(?:\+([^@]+))?@(.+)$/i;

/**
 * A request by mail: the envelope recipient (or, for a mailbox whose server records no
 * envelope, the To and Cc headers) is `unsubscribe[+TOKEN]@` or `subscribe[+LIST]@` at inbound.domain.
 * Checked after bounces and complaints (a bounce of our confirmation may come back to us) and
 * before auto-replies: a mail client's automatic unsubscribe still unsubscribes, unanswered.
 */
export function readRequest(mail: ParsedInbound, context: RequestContext): MailRequest | undefined {
  const domain = context.requestDomain?.toLowerCase();
  if (domain === undefined) return undefined;
  // The envelope is what the mail was delivered to; headers only stand in when none was recorded.
  const envelope = context.rcptTo ?? [];
  const recipients =
    envelope.length > 0
      ? envelope
      : [mail.header('to'), mail.header('cc')].flatMap(
          (value) => (value ?? '').match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? [],
        );
  for (const address of recipients) {
    const match = ADDRESS.exec(address.trim());
    if (match === null || (match[3] ?? '').toLowerCase() !== domain) continue;
    const common = { from: mail.from, messageId: mail.messageId, automatic: detectAutoReply(mail) };
    const detail = match[2];
    if ((match[1] ?? '').toLowerCase() === 'unsubscribe')
      return { action: 'unsubscribe', token: detail, ...common };
    return {
      action: 'subscribe',
      listId: detail?.toLowerCase(),
      wishes: readSubscribeWishes(mail, context.categories ?? []),
      ...common,
    };
  }
  return undefined;
}
