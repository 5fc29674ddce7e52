import type { Config } from '../config/config.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SentInfo } from '../mail/outgoing-mail.ts';
import type { Subscriber } from '../subscribers/subscriber.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import { listUnsubscribeMailto } from '../subscribers/list-unsubscribe-mailto.ts';
import { manageToken } from '../subscribers/tokens.ts';
import { requireSecret } from '../config/require-secret.ts';
import { transactionalText } from '../../emails/transactional/transactional-text.ts';
import { changeResultsOn } from './change-results-on.ts';
import { claimChangeNotice } from './claim-change-notice.ts';
import { formatWhen, listNames, perLanguage } from './notice-words.ts';
import { renderTransactionalEmail } from './render-transactional-email.ts';

/**
 * The welcome mail after confirmation, with working preferences and one-click unsubscribe links.
 * Given the store and with `notices.changeResults` on, it is also the consent's result notice
 * (정보통신망법 §50⑦: sender, date, what changed): one mail, not two, claimed once per change.
 */
export async function sendWelcome(
  deps: {
    config: Config;
    mailer: Mailer;
    store?: Pick<SubscriberStore, 'claimNotice' | 'releaseNotice' | 'consents'>;
  },
  subscriber: Subscriber,
): Promise<SentInfo> {
  const { config } = deps;
  const token = manageToken(requireSecret(config), subscriber);
  const unsubscribeUrl = `${config.publicUrl}/unsubscribe/${token}`;
  const claim =
    deps.store !== undefined && changeResultsOn(config)
      ? await claimChangeNotice(deps.store, subscriber, { kind: 'subscribed' })
      : undefined;
  const result =
    claim === undefined
      ? undefined
      : perLanguage((lang) =>
          transactionalText[lang].noticeBody(
            config.name[lang],
            formatWhen(claim.stamp, lang, config.timeZone),
            transactionalText[lang].noticeChange('subscribed', listNames(config, subscriber.lists, lang)),
            'web',
          ),
        );
  try {
    const mail = await renderTransactionalEmail(config, {
      kind: 'welcome',
      locale: subscriber.locale,
      name: subscriber.name,
      preferencesUrl: `${config.publicUrl}/preferences/${token}`,
      unsubscribeUrl,
      result,
    });
    return await deps.mailer.send({
      from: { name: config.from.name, address: config.from.email },
      replyTo: config.replyTo,
      to: subscriber.email,
      listUnsubscribe: { url: unsubscribeUrl, mailto: listUnsubscribeMailto(config, subscriber, '') },
      ...mail,
    });
  } catch (error) {
    if (claim !== undefined) await deps.store?.releaseNotice(claim.key);
    throw error;
  }
}
