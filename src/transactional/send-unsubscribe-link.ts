import type { Config } from '../config/config.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SentInfo } from '../mail/outgoing-mail.ts';
import type { Subscriber } from '../subscribers/subscriber.ts';
import { manageToken } from '../subscribers/tokens.ts';
import { requireSecret } from '../config/require-secret.ts';
import { renderTransactionalEmail } from './render-transactional-email.ts';

/**
 * The answer to an unverified mail to plain unsubscribe@ from a subscriber's address: their own
 * unsubscribe page, so only whoever reads that mailbox can finish it (issue 14).
 */
export async function sendUnsubscribeLink(
  deps: { config: Config; mailer: Mailer },
  subscriber: Subscriber,
): Promise<SentInfo> {
  const { config } = deps;
  const unsubscribeUrl = `${config.publicUrl}/unsubscribe/${manageToken(requireSecret(config), subscriber)}`;
  const mail = await renderTransactionalEmail(config, {
    kind: 'unsubscribe-link',
    locale: subscriber.locale,
    unsubscribeUrl,
  });
  return deps.mailer.send({
    from: { name: config.from.name, address: config.from.email },
    replyTo: config.replyTo,
    to: subscriber.email,
    headers: { 'Auto-Submitted': 'auto-replied' },
    ...mail,
  });
}
