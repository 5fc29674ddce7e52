import type { Config } from '../config/config.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SentInfo } from '../mail/outgoing-mail.ts';
import type { Language } from '../locale.ts';
import type { Subscriber } from '../subscribers/subscriber.ts';
import { CONFIRM_TTL_MS, confirmToken } from '../subscribers/tokens.ts';
import { requireSecret } from '../config/require-secret.ts';
import { renderTransactionalEmail } from './render-transactional-email.ts';

/**
 * Send the double opt-in mail for a pending subscriber. The caller records it with
 * store.markConfirmationSent (the web app does so before sending, so a quick second request
 * sees it and sends no duplicate).
 */
export async function sendConfirmation(
  deps: { config: Config; mailer: Mailer },
  subscriber: Subscriber,
  now = new Date(),
  /** A request by mail: what was read from it, said back per language (issue 14). */
  understood?: Record<Language, string[]>,
): Promise<SentInfo> {
  const { config } = deps;
  const token = confirmToken(requireSecret(config), subscriber, now);
  const mail = await renderTransactionalEmail(config, {
    kind: 'confirm',
    locale: subscriber.locale,
    confirmUrl: `${config.publicUrl}/confirm/${token}`,
    expiresInDays: Math.round(CONFIRM_TTL_MS / 86_400_000),
    understood,
  });
  return deps.mailer.send({
    from: { name: config.from.name, address: config.from.email },
    replyTo: config.replyTo,
    to: subscriber.email,
    ...mail,
  });
}
