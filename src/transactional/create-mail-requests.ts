import type { Config } from '../config/config.ts';
import { requireSecret } from '../config/require-secret.ts';
import { LANGUAGES } from '../locale.ts';
import type { Language, Locale } from '../locale.ts';
import type { Mailer } from '../mail/mailer.ts';
import { chooseLocale } from '../subscribers/choose-locale.ts';
import { normalizeEmail } from '../subscribers/normalize-email.ts';
import type { Subscriber } from '../subscribers/subscriber.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import { readUnsubscribeMailToken } from '../subscribers/unsubscribe-mail-token.ts';
import { transactionalText } from '../../emails/transactional/transactional-text.ts';
import { sendChangeNotice } from './send-change-notice.ts';
import type { ChangeNotice } from './send-change-notice.ts';
import { sendConfirmation } from './send-confirmation.ts';
import { sendUnsubscribeLink } from './send-unsubscribe-link.ts';

export interface MailRequestDeps {
  config: Config;
  mailer: Mailer;
  store: SubscriberStore;
  log?: (message: string, error?: unknown) => void;
}

/** What a request did, in inbound's words (its `InboundRequests` is satisfied structurally). */
interface Result {
  effect:
    | 'none'
    | 'unmatched'
    | 'unsubscribed'
    | 'left-list'
    | 'confirmation-sent'
    | 'link-sent'
    | 'throttled'
    | 'refused';
  email?: string;
  subscriberId?: number;
  note?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Requests by mail (issue 14) applied with the subscriber store and answered with the
 * transactional mails: unsubscribes as the one-click POST does them (source `mail`), subscribes
 * as the web form does (pending, double opt-in; consent source `email`). A failed notice is
 * logged: the change it reports stands.
 */
export function createMailRequests(deps: MailRequestDeps) {
  const { config, store } = deps;
  const log = deps.log ?? ((message, error) => console.error(`gazette inbound: ${message}`, error ?? ''));
  const notify = async (subscriber: Subscriber, change: ChangeNotice) => {
    await sendChangeNotice(deps, subscriber, { ...change, via: 'mail', always: true }).catch(
      (error: unknown) => log(`the result notice to subscriber ${subscriber.id} failed`, error),
    );
  };
  const leaveAll = async (subscriber: Subscriber, at: Date, answer: boolean): Promise<Result> => {
    const ids = { email: subscriber.email, subscriberId: subscriber.id };
    if (subscriber.status !== 'active' && subscriber.status !== 'pending') return { effect: 'none', ...ids };
    const after = await store.unsubscribe(subscriber.uid, 'mail', at);
    if (after === undefined) return { effect: 'none', ...ids };
    if (answer) await notify(after, { kind: 'unsubscribed', via: 'mail' });
    return { effect: 'unsubscribed', ...ids };
  };
  return {
    async unsubscribeByToken(token: string, at: Date, answer: boolean): Promise<Result> {
      const named = readUnsubscribeMailToken(
        requireSecret(config),
        token,
        config.lists.map((list) => list.id),
      );
      if (named === undefined) return { effect: 'unmatched', note: 'the unsubscribe token is not valid' };
      const subscriber = await store.findByUid(named.uid);
      if (subscriber === undefined) return { effect: 'unmatched', note: 'no such subscriber (erased?)' };
      if (named.listId === '') return leaveAll(subscriber, at, answer);
      const left = await store.leaveList(named.uid, named.listId, 'mail', at);
      const ids = { email: subscriber.email, subscriberId: subscriber.id };
      if (left === undefined || left.change === 'none') return { effect: 'none', ...ids };
      if (answer) await notify(left.subscriber, { kind: left.change, via: 'mail', listId: named.listId, at });
      return { effect: left.change, ...ids };
    },

    async unsubscribeByAddress(email: string, at: Date, answer: boolean): Promise<Result> {
      const subscriber = await store.findByEmail(email);
      if (subscriber === undefined) return { effect: 'unmatched' };
      return leaveAll(subscriber, at, answer);
    },

    async sendUnsubscribeLink(email: string): Promise<Result> {
      const subscriber = await store.findByEmail(email);
      // A stranger gets nothing: no enumeration, no backscatter.
      if (subscriber === undefined || (subscriber.status !== 'active' && subscriber.status !== 'pending'))
        return { effect: 'unmatched' };
      await sendUnsubscribeLink(deps, subscriber);
      return { effect: 'link-sent', email: subscriber.email, subscriberId: subscriber.id };
    },

    async subscribe(request: {
      email: string;
      listId?: string;
      wishes: { locale?: Locale; categories: string[] };
      messageId?: string;
      receivedAt: Date;
      authResults: string;
    }): Promise<Result> {
      let email: string;
      try {
        email = normalizeEmail(request.email);
      } catch {
        return { effect: 'refused', note: 'the From address is not one Gazette can mail' };
      }
      const known = request.listId === undefined || config.lists.some((list) => list.id === request.listId);
      if (!known) return { effect: 'refused', email, note: `no list "${request.listId}"` };
      const lists =
        request.listId === undefined ? config.lists.slice(0, 1).map((l) => l.id) : [request.listId];
      const result = await store.subscribe(
        {
          email,
          locale: localeFor(request.wishes.locale, lists, config),
          categories: topicsFor(request.wishes.categories, lists, config),
          lists,
          consent: {
            source: 'email',
            version: config.consentVersion,
            messageId: request.messageId ?? null,
            receivedAt: request.receivedAt,
            authResults: request.authResults,
          },
        },
        request.receivedAt,
      );
      const subscriber = result.subscriber;
      if (result.outcome === 'suppressed' || subscriber === undefined) return { effect: 'refused', email };
      const ids = { email: subscriber.email, subscriberId: subscriber.id };
      // Already subscribed: nothing is sent (the mail would tell a forger who reads along nothing either).
      if (result.outcome === 'unchanged') return { effect: 'none', ...ids };
      const last = result.confirmSentAt === null ? undefined : Date.parse(result.confirmSentAt);
      if (result.outcome === 'pending' && last !== undefined && Date.now() - last < DAY_MS)
        return { effect: 'throttled', ...ids, note: 'a confirmation went out within 24 hours' };
      await sendConfirmation(deps, subscriber, new Date(), understood(subscriber, config));
      await store.markConfirmationSent(subscriber.id);
      return { effect: 'confirmation-sent', ...ids };
    },
  };
}

/** The language asked for where the lists offer it, else their default. */
function localeFor(asked: Locale | undefined, lists: string[], config: Config): Locale {
  try {
    return chooseLocale(asked, lists, config);
  } catch {
    return chooseLocale(undefined, lists, config);
  }
}

/** Topics the lists carry (a list with no categories carries all). */
function topicsFor(asked: string[], lists: string[], config: Config): string[] {
  const carried = config.lists.filter((list) => lists.includes(list.id)).flatMap((list) => list.categories);
  return carried.length === 0 ? asked : asked.filter((id) => carried.includes(id));
}

/** What the confirmation says back: the language, topics and lists as stored. */
function understood(subscriber: Subscriber, config: Config): Record<Language, string[]> {
  const out = {} as Record<Language, string[]>;
  for (const lang of LANGUAGES) {
    const text = transactionalText[lang];
    const topics = config.categories
      .filter((category) => subscriber.categories.includes(category.id))
      .map((category) => category.label[lang]);
    const lists = config.lists
      .filter((list) => subscriber.lists.includes(list.id))
      .map((list) => list.name[lang]);
    out[lang] = [
      text.understoodLanguage(text.localeNames[subscriber.locale]),
      text.understoodTopics(topics.length === 0 ? text.allTopics : topics.join(', ')),
      text.understoodLists(lists.join(', ')),
    ];
  }
  return out;
}
