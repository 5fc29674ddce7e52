import type { Config } from '../config/config.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Subscriber } from '../subscribers/subscriber.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import { manageToken } from '../subscribers/tokens.ts';
import { requireSecret } from '../config/require-secret.ts';
import type { ChangeKind, ChangeVia } from '../../emails/transactional/transactional-text.ts';
import { changeResultsOn } from './change-results-on.ts';
import { claimChangeNotice } from './claim-change-notice.ts';
import { formatWhen, listNames, perLanguage } from './notice-words.ts';
import { renderTransactionalEmail } from './render-transactional-email.ts';

export interface ChangeNoticeDeps {
  config: Config;
  mailer: Mailer;
  store: Pick<SubscriberStore, 'claimNotice' | 'releaseNotice' | 'consents'>;
}

export interface ChangeNotice {
  kind: ChangeKind;
  via: ChangeVia;
  /** For `left-list`: the list left (its id). */
  listId?: string;
  /** When the store made the change (`left-list` has no consent stamp to read it from). */
  at?: Date;
  /** Send even when `notices.changeResults` is off: a mail request is always answered. */
  always?: boolean;
}

/**
 * The result notice of one consent change (정보통신망법 §50⑦), sent at once and once: the change
 * is identified by the time the store stamped on the consent record (confirmed, unsubscribed),
 * claimed before the mail goes out (a second click or a retry finds the claim and sends nothing),
 * and released when the mailer fails so a later retry may send it.
 */
export async function sendChangeNotice(
  deps: ChangeNoticeDeps,
  subscriber: Subscriber,
  change: ChangeNotice,
): Promise<'sent' | 'off' | 'already'> {
  const { config } = deps;
  if (change.always !== true && !changeResultsOn(config)) return 'off';
  const claim = await claimChangeNotice(deps.store, subscriber, change);
  if (claim === undefined) return 'already';
  const { key, stamp } = claim;
  try {
    const secret = requireSecret(config);
    const token = manageToken(secret, subscriber);
    const lists =
      change.kind === 'left-list' && change.listId !== undefined ? [change.listId] : subscriber.lists;
    const mail = await renderTransactionalEmail(config, {
      kind: 'notice',
      locale: subscriber.locale,
      change: change.kind,
      via: change.via,
      when: perLanguage((lang) => formatWhen(stamp, lang, config.timeZone)),
      lists: perLanguage((lang) => listNames(config, lists, lang)),
      // Still subscribed: the way out; no longer: the way back in.
      subscribeUrl: stillSubscribed(change.kind) ? undefined : `${config.publicUrl}/subscribe`,
      unsubscribeUrl: stillSubscribed(change.kind) ? `${config.publicUrl}/unsubscribe/${token}` : undefined,
    });
    await deps.mailer.send({
      from: { name: config.from.name, address: config.from.email },
      replyTo: config.replyTo,
      to: subscriber.email,
      // RFC 3834 §5: a notice is auto-generated; an auto-responder must not answer it.
      headers: { 'Auto-Submitted': 'auto-generated' },
      ...mail,
    });
    return 'sent';
  } catch (error) {
    await deps.store.releaseNotice(key);
    throw error;
  }
}

function stillSubscribed(kind: ChangeNotice['kind']): boolean {
  return kind === 'subscribed' || kind === 'ad-consent-given' || kind === 'ad-consent-withdrawn';
}
