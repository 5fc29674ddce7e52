import type {
  ConsentRecord,
  PreferencesInput,
  SubscribeInput,
  SubscribeResult,
  Subscriber,
  SubscriberStatus,
} from './subscriber.ts';

/** One page of a keyset scan: pass `next` back as `afterId`; undefined means the end. */
export interface SubscriberPage {
  subscribers: Subscriber[];
  next?: number;
}

export interface PageQuery {
  /** Only subscribers after this id (exclusive); start with 0. */
  afterId: number;
  /** Page size, 1–5000. */
  limit: number;
}

/** Per-row result of importBatch(), in input order. */
export type ImportOutcome = SubscribeResult['outcome'] | 'merged';

/**
 * The subscriber store. One contract, implemented over Kysely for SQLite and PostgreSQL.
 * Consumers (send, web) declare narrower interfaces that this satisfies structurally.
 */
export interface SubscriberStore {
  /** Add or renew a subscription (see SubscribeOutcome); records consent. Never sends mail. */
  subscribe(input: SubscribeInput, now?: Date): Promise<SubscribeResult>;
  /** Record that a confirmation mail went out for the current consent (resend throttling). */
  markConfirmationSent(id: number, now?: Date): Promise<void>;
  /**
   * Activate a pending subscriber (double opt-in), recording when and from which IP; lifts a
   * suppression. Idempotent: an active subscriber comes back unchanged (`changed: false`).
   * Unsubscribed, bounced or complained subscribers are not re-activated by an old link.
   */
  confirm(
    uid: string,
    ip: string | null,
    now?: Date,
  ): Promise<{ subscriber: Subscriber; changed: boolean } | undefined>;
  /** Change language, topics, lists, name, ad consent. Returns undefined for an unknown uid. */
  updatePreferences(uid: string, input: PreferencesInput, now?: Date): Promise<Subscriber | undefined>;
  /** Unsubscribe at once (one-click, CLI); the consent record keeps the time. Idempotent. */
  unsubscribe(uid: string, source: string, now?: Date): Promise<Subscriber | undefined>;
  /**
   * Leave one list (the mailto of issue 14 names one): the list is taken off the subscriber's;
   * leaving the last one unsubscribes as `unsubscribe` does. `none`: not on it, or not subscribed.
   */
  leaveList(
    uid: string,
    listId: string,
    source: string,
    now?: Date,
  ): Promise<{ subscriber: Subscriber; change: 'unsubscribed' | 'left-list' | 'none' } | undefined>;
  /**
   * Record that the result notice of one change (정보통신망법 §50⑦) is going out; false when it
   * was recorded already (a retry, a second click). `releaseNotice` undoes it after a failed send.
   */
  claimNotice(key: string, subscriberId: number, kind: string, now?: Date): Promise<boolean>;
  releaseNotice(key: string): Promise<void>;
  /** The send's bounce handling: a hard bounce stops all mail to this subscriber. */
  markBounced(id: number, now?: Date): Promise<void>;
  /** A spam complaint (feedback loop) stops all mail to this subscriber. */
  markComplained(id: number, now?: Date): Promise<void>;
  /** Re-check at claim time that a subscriber may still be mailed. */
  isActive(id: number): Promise<boolean>;
  /**
   * Active subscribers of one list, in id order, one keyset page at a time (bounded memory,
   * stable under concurrent inserts): `for (let p = {afterId: 0, …}; …; p.afterId = page.next)`.
   */
  activeSubscribersPage(listId: string, page: PageQuery): Promise<SubscriberPage>;
  /** Every subscriber (optionally one status), in id order, one keyset page at a time. */
  page(page: PageQuery & { status?: SubscriberStatus }): Promise<SubscriberPage>;
  count(status?: SubscriberStatus): Promise<number>;
  findByUid(uid: string): Promise<Subscriber | undefined>;
  /** Many at once, a bounded number of queries however many uids; unknown uids are left out. */
  findByUids(uids: readonly string[]): Promise<Subscriber[]>;
  /** Case-insensitive lookup of a normalised address. */
  findByEmail(email: string): Promise<Subscriber | undefined>;
  /** The consent records of a subscriber, oldest first. */
  consents(id: number): Promise<ConsentRecord[]>;
  /**
   * Import rows in one transaction. Existing addresses (any case) are merged: name, locale and
   * categories taken from the row, status and consent kept (a pending one activated when
   * `confirmed`). Suppressed addresses are skipped.
   */
  importBatch(rows: SubscribeInput[], now?: Date): Promise<ImportOutcome[]>;
  /**
   * Erase a subscriber and their consent records; keep only a hash of the address on the
   * suppression list. Returns false when the address is unknown (it is suppressed anyway).
   */
  forget(email: string, now?: Date): Promise<boolean>;
  isSuppressed(email: string): Promise<boolean>;
}
