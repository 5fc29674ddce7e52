import { assertPublicUrlForMail } from '../../../config/assert-public-url-for-mail.ts';
import type { Config } from '../../../config/config.ts';
import { createMailer } from '../../../mail/create-mailer.ts';
import type { Mailer } from '../../../mail/mailer.ts';
import type { Subscriber } from '../../../subscribers/subscriber.ts';
import type { SubscriberStore } from '../../../subscribers/subscriber-store.ts';
import { requireSecret } from '../../../config/require-secret.ts';
import { sendConfirmation } from '../../../transactional/send-confirmation.ts';

/** Confirmation mails from the CLI: one mailer for a run, each send recorded on the consent. */
export function confirmationSender(config: Config, store: SubscriberStore) {
  requireSecret(config);
  assertPublicUrlForMail(config);
  let mailer: Mailer | undefined;
  let sent = 0;
  return {
    async send(subscriber: Subscriber): Promise<void> {
      mailer ??= createMailer(config, 'transactional');
      const now = new Date();
      await sendConfirmation({ config, mailer }, subscriber, now);
      await store.markConfirmationSent(subscriber.id, now);
      sent += 1;
    },
    get sent() {
      return sent;
    },
    /** Where the mail went, for the operator: the SMTP server or the outbox folder. */
    get destination() {
      return mailer === undefined
        ? undefined
        : mailer.kind === 'outbox'
          ? `written to ${mailer.destination}`
          : `sent via ${mailer.destination}`;
    },
    async close() {
      await mailer?.close();
    },
  };
}
