import type { Generated } from 'kysely';

/** Where a notice row stands; the same states as the send ledger's. */
export type NoticeStatus = 'pending' | 'claimed' | 'sent' | 'deferred' | 'failed' | 'skipped';

/**
 * One row per (subscriber, consent, period): the two-yearly consent notice of 정보통신망법
 * §50⑧ owed to one reader for one period. It holds no address or name (those are read from the
 * store when the notice goes out), so an erased reader leaves only ids here. Times are epoch
 * milliseconds (bigint on PostgreSQL, read back as string there: always pass through Number()).
 */
export interface NoticeRow {
  id: Generated<number>;
  subscriber_id: string;
  /** The subscriber's public reference (uid), for the claim-time re-check and the links. */
  subscriber_ref: string;
  /** The consent the periods count from (ISO 8601 instant of the consent record). */
  consented_at: string;
  /** 1 for the notice due two years after the consent, 2 after four years, … */
  period: number;
  /** The anniversary `YYYY-MM-DD` (newsletter's time zone); the decree wants the notice before it. */
  due_on: string;
  status: Generated<NoticeStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<number | string>;
  claimed_by: string | null;
  lease_until: number | string | null;
  message_id: string | null;
  /** The server's last reply (the address masked), kept for the operator. */
  response: string | null;
  error_code: string | null;
  sent_at: number | string | null;
  created_at: number | string;
  updated_at: number | string;
}

/** Tables owned by the consent notices. */
export interface NoticeTables {
  consent_notices: NoticeRow;
}
