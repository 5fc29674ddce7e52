import type { Locale } from '../locale.ts';

export const SUBSCRIBER_STATUSES = ['pending', 'active', 'unsubscribed', 'bounced', 'complained'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export const CONSENT_SOURCES = ['form', 'import', 'cli', 'email'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** A subscriber as the rest of Gazette sees it. */
export interface Subscriber {
  /** Internal row id: for keyset paging and foreign keys, never in a URL. */
  id: number;
  /** Random and unguessable; link tokens carry this. */
  uid: string;
  email: string;
  name: string | null;
  locale: Locale;
  /** Category ids; empty means all. */
  categories: string[];
  /** List ids. */
  lists: string[];
  status: SubscriberStatus;
  adConsent: boolean;
  /** IANA time zone (`Asia/Seoul`); null: the list's default, the newsletter's `timeZone`. */
  timeZone: string | null;
  createdAt: string;
  updatedAt: string;
}

/** How and when consent was given and withdrawn (GDPR Art. 7(1)). */
export interface ConsentRecord {
  createdAt: string;
  source: ConsentSource;
  ip: string | null;
  userAgent: string | null;
  consentVersion: string;
  adConsent: boolean;
  confirmSentAt: string | null;
  confirmSentCount: number;
  confirmedAt: string | null;
  confirmIp: string | null;
  unsubscribedAt: string | null;
  unsubscribeSource: string | null;
  /** Source `email`: the request's Message-ID, when it was received, its authentication results. */
  messageId: string | null;
  receivedAt: string | null;
  authResults: string | null;
}

/** What a form, an import row or `subscribers add` asks for. */
export interface SubscribeInput {
  /** Validated with normalizeEmail before it reaches the store. */
  email: string;
  name?: string | null;
  locale: Locale;
  categories: string[];
  lists: string[];
  adConsent?: boolean;
  /** IANA time zone, checked with `parseTimeZone`; null or absent: the list's default. */
  timeZone?: string | null;
  consent: {
    source: ConsentSource;
    ip?: string | null;
    userAgent?: string | null;
    version: string;
    /** Source `email` (issue 14): the request mail's Message-ID, receiving time and authentication. */
    messageId?: string | null;
    receivedAt?: Date;
    authResults?: string | null;
  };
  /** Skip double opt-in (operator-vouched imports and `add --confirmed`). */
  confirmed?: boolean;
  /**
   * When the consent was given elsewhere (ISO 8601 instant; a list migrated from another tool):
   * the consent record keeps it as its date, so the two-yearly notices follow it. Default now.
   */
  consentedAt?: string;
}

/**
 * What subscribe() did. `created`: a new subscriber. `renewed`: an unsubscribed, bounced or
 * complained address asked again, or a pending one was confirmed by the operator (a new consent
 * record). `pending`: still waiting for its confirmation; nothing changed (the name, choices and
 * consent stay the owner's), the confirmation may be resent. `unchanged`: already active.
 * `suppressed`: erased with --forget and not re-subscribed by its owner (imports, CLI).
 */
export type SubscribeOutcome = 'created' | 'renewed' | 'pending' | 'unchanged' | 'suppressed';

export interface SubscribeResult {
  outcome: SubscribeOutcome;
  subscriber?: Subscriber;
  /** When the confirmation mail last went out for the current consent; for resend limits. */
  confirmSentAt: string | null;
}

/** What the preferences page may change. */
export interface PreferencesInput {
  name?: string | null;
  locale: Locale;
  categories: string[];
  lists: string[];
  adConsent?: boolean;
  /** Undefined: left as it is; null: back to the list's default. */
  timeZone?: string | null;
}
