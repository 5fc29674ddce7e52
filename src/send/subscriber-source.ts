import type { Locale } from '../locale.ts';

/** What the send needs to know of one subscriber. */
export interface SendSubscriber {
  /** The store's row id (kept as text in the ledger). */
  id: number;
  /** The public, unguessable reference that link tokens carry. */
  uid: string;
  email: string;
  name: string | null;
  locale: Locale;
  /** Category ids the subscriber follows; empty means everything the list carries. */
  categories: string[];
  /** List ids the subscriber is on. */
  lists: string[];
  /** Only `active` subscribers are mailed. */
  status: string;
  /** Consent to advertising mail (정보통신망법 §50): required when an edition is advertising. */
  adConsent: boolean;
  /** IANA time zone for a list's `deliverAt`; null or absent: the newsletter's `timeZone`. */
  timeZone?: string | null;
}

/**
 * The narrow view of the subscriber store that `send/` needs. The store satisfies it
 * structurally; no driver types cross this line.
 */
export interface SubscriberSource {
  /** One keyset page of a list's active subscribers in id order; `next` undefined on the last. */
  activeSubscribersPage(
    listId: string,
    page: { afterId: number; limit: number },
  ): Promise<{ subscribers: SendSubscriber[]; next?: number }>;
  /**
   * These subscribers as of now, for the claim-time re-check of a whole batch (an unsubscribe
   * after planning wins). Unknown uids are left out; order does not matter.
   */
  findByUids(uids: readonly string[]): Promise<SendSubscriber[]>;
  /** A 5.1.x reply said the mailbox does not exist: stop mailing it. */
  markBounced(id: number): Promise<void>;
}

/** The unsubscribe/preferences token of a subscriber (HMAC with the site secret). */
export type TokenFor = (subscriber: { uid: string }) => string;

/** The List-Unsubscribe mailto of a recipient for one list (issue 14), or undefined for none. */
export type MailtoFor = (subscriber: { uid: string }, listId: string) => string | undefined;
