import type { Locale } from '../locale.ts';

/** What the send needs to know of one subscriber of a list. */
export interface SendSubscriber {
  /** The store's id, as text (the ledger keeps it as text whatever the store uses). */
  id: string;
  email: string;
  name?: string;
  locale: Locale;
  /** Category ids the subscriber follows; empty means everything the list carries. */
  topics: string[];
  /** Consent to advertising mail (정보통신망법 §50): required when an edition is advertising. */
  adConsent: boolean;
}

/**
 * The narrow view of the subscriber store that `send/` needs; the store (or an adapter at the
 * composition root) implements it. No driver types cross this line.
 */
export interface SubscriberSource {
  /**
   * One page of a list's active (confirmed, not unsubscribed, not bounced) subscribers, in a
   * stable order, after the cursor `after`; `next` is undefined on the last page.
   */
  activePage(
    listId: string,
    page: { after?: string; limit: number },
  ): Promise<{ subscribers: SendSubscriber[]; next?: string }>;
  /** Of `ids`, the ones still active on the list right now (with ad consent when advertising). */
  stillActive(listId: string, ids: string[], options: { advertising: boolean }): Promise<Set<string>>;
  /** A 5.1.x reply said the mailbox does not exist: stop mailing it. */
  markBounced(subscriberId: string, reason: string): Promise<void>;
  /** The unguessable token of the subscriber's unsubscribe and preferences links. */
  tokenFor(subscriber: { id: string; email: string }): string;
}
