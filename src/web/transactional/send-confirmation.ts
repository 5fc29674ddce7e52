import type { Config } from '../../config/config.ts';
import type { Mailer, SentInfo } from '../../mail/index.ts';
import type { Subscriber } from '../../subscribers/subscriber.ts';
import type { SubscriberStore } from '../../subscribers/subscriber-store.ts';
import { CONFIRM_TTL_MS, confirmToken } from '../../subscribers/tokens.ts';
import { requireSecret } from '../require-secret.ts';
import { renderTransactionalEmail } from './render-transactional-email.ts';

export interface TransactionalDeps {
  config: Config;
  mailer: Mailer;
  store: Pick<SubscriberStore, 'markConfirmationSent'>;
}

/** Send the double opt-in mail for a pending subscriber and record when it went out. */
export async function sendConfirmation(
  deps: TransactionalDeps,
  subscriber: Subscriber,
  now = new Date(),
): Promise<SentInfo> {
  const { config } = deps;
  const token = confirmToken(requireSecret(config), subscriber, now);
  const mail = await renderTransactionalEmail(config, {
    kind: 'confirm',
    locale: subscriber.locale,
    confirmUrl: `${config.publicUrl}/confirm/${token}`,
    expiresInDays: Math.round(CONFIRM_TTL_MS / 86_400_000),
  });
  const info = await deps.mailer.send({
    from: { name: config.from.name, address: config.from.email },
    replyTo: config.replyTo,
    to: subscriber.email,
    ...mail,
  });
  await deps.store.markConfirmationSent(subscriber.id, now);
  return info;
}
