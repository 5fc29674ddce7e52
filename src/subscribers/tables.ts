import type { Generated } from 'kysely';

/**
 * Subscriber rows. Lists and categories are JSON arrays of slugs in text (portable across
 * SQLite and PostgreSQL); times are ISO 8601 UTC strings, readable as evidence of consent.
 */
export interface SubscriberRow {
  id: Generated<number>;
  /** Random, unguessable, URL-safe; the only id that leaves the database (in link tokens). */
  uid: string;
  /** As typed, trimmed, with the domain lower-cased. */
  email: string;
  /** The whole address lower-cased: uniqueness is case-insensitive. */
  email_key: string;
  name: string | null;
  locale: string;
  categories: string;
  lists: string;
  status: string;
  /** 0 or 1 (portable boolean). */
  ad_consent: number;
  /** IANA time zone; null: the list's default (the newsletter's `timeZone`). */
  time_zone: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

/** One row per consent given (GDPR Art. 7(1)); kept after an unsubscribe, erased only by forget. */
export interface ConsentRow {
  id: Generated<number>;
  subscriber_id: number;
  created_at: string;
  /** form | import | cli | email */
  source: string;
  ip: string | null;
  user_agent: string | null;
  consent_version: string;
  ad_consent: number;
  confirm_sent_at: string | null;
  confirm_sent_count: number;
  confirmed_at: string | null;
  confirm_ip: string | null;
  unsubscribed_at: string | null;
  unsubscribe_source: string | null;
  /** Source `email` (migration 0005): the request's Message-ID, receiving time, authentication results. */
  message_id: string | null;
  received_at: string | null;
  auth_results: string | null;
}

/** Addresses erased with `--forget`: only a hash remains, so they are never mailed again. */
export interface SuppressionRow {
  email_hash: string;
  reason: string;
  created_at: string;
}

/**
 * Result notices (정보통신망법 §50⑦) sent, one row per change: the key names the change (its kind
 * and the time the store stamped on it), so a retry or a second click sends nothing more.
 */
export interface ChangeNoticeRow {
  key: string;
  subscriber_id: number;
  kind: string;
  created_at: string;
}

/** Tables owned by the subscriber store. */
export interface SubscriberTables {
  subscribers: SubscriberRow;
  consents: ConsentRow;
  suppressions: SuppressionRow;
  change_notices: ChangeNoticeRow;
}
