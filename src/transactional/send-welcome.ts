import type { Config } from '../config/config.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SentInfo } from '../mail/outgoing-mail.ts';
import type { Subscriber } from '../subscribers/subscriber.ts';
import { listUnsubscribeMailto } from '../subscribers/list-unsubscribe-mailto.ts';
import { manageToken } from '../subscribers/tokens.ts';
import { requireSecret } from '../config/require-secret.ts';
import { renderTransactionalEmail } from './render-transactional-email.ts';

/** The welcome mail after confirmation, with working preferences and one-click unsubscribe links. */
export async function sendWelcome(
  deps: { config: Config; mailer: Mailer },
  subscriber: Subscriber,
): Promise<SentInfo> {
  const { config } = deps;
  const token = manageToken(requireSecret(config), subscriber);
  const unsubscribeUrl = `${config.publicUrl}/unsubscribe/${token}`;
  const mail = await renderTransactionalEmail(config, {
    kind: 'welcome',
    locale: subscriber.locale,
    name: subscriber.name,
    preferencesUrl: `${config.publicUrl}/preferences/${token}`,
    unsubscribeUrl,
  });
  return deps.mailer.send({
    from: { name: config.from.name, address: config.from.email },
    replyTo: config.replyTo,
    to: subscriber.email,
    listUnsubscribe: { url: unsubscribeUrl, mailto: listUnsubscribeMailto(config, subscriber, '') },
    ...mail,
  });
}
