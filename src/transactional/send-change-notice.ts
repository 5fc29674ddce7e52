import type { Config } from '../config/config.ts';
import type { Mailer } from '../mail/mailer.ts';
import { LANGUAGES } from '../locale.ts';
import type { Language } from '../locale.ts';
import type { Subscriber } from '../subscribers/subscriber.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import { manageToken } from '../subscribers/tokens.ts';
import { requireSecret } from '../config/require-secret.ts';
import type { ChangeKind, ChangeVia } from '../../emails/transactional/transactional-text.ts';
import { changeResultsOn } from './change-results-on.ts';
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
  const consent = (await deps.store.consents(subscriber.id)).at(-1);
  const stamp =
    change.kind === 'subscribed'
      ? consent?.confirmedAt
      : change.kind === 'unsubscribed'
        ? consent?.unsubscribedAt
        : change.at?.toISOString();
  if (stamp === undefined || stamp === null) return 'already';
  const key = `${subscriber.id}:${change.kind}:${change.listId ?? ''}:${stamp}`;
  if (!(await deps.store.claimNotice(key, subscriber.id, change.kind))) return 'already';
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
      when: perLanguage((lang) => formatWhen(new Date(stamp), lang, config.timeZone)),
      lists: perLanguage((lang) => listNames(config, lists, lang)),
      subscribeUrl: change.kind === 'subscribed' ? undefined : `${config.publicUrl}/subscribe`,
      unsubscribeUrl: change.kind === 'subscribed' ? `${config.publicUrl}/unsubscribe/${token}` : undefined,
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

function perLanguage(value: (lang: Language) => string): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, value(lang)])) as Record<Language, string>;
}

function formatWhen(at: Date, lang: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

function listNames(config: Pick<Config, 'lists'>, ids: readonly string[], lang: Language): string {
  const names = config.lists.filter((list) => ids.includes(list.id)).map((list) => list.name[lang]);
  return (names.length > 0 ? names : config.lists.map((list) => list.name[lang])).join(', ');
}
