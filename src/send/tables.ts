import type { Generated } from 'kysely';

/** Where a ledger row stands. `deferred` rows are retried after `next_attempt_at`. */
export type DeliveryStatus = 'pending' | 'claimed' | 'sent' | 'deferred' | 'failed' | 'skipped';

/**
 * One row per (edition, list, subscriber): the per-recipient ledger. Times are epoch
 * milliseconds (bigint on PostgreSQL, read back as string there, so always pass through Number()).
 */
export interface DeliveryRow {
  id: Generated<number>;
  /** Edition date, `YYYY-MM-DD`. */
  edition: string;
  list_id: string;
  subscriber_id: string;
  /** The subscriber's public reference (token subject), for links and the claim-time re-check. */
  subscriber_ref: string;
  email: string;
  name: string | null;
  locale: string;
  /** The segment the row was planned in (locale + topics); its rendering is shared. */
  segment: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  /** Attempts made by `last_run`; a new run starts again from zero. */
  run_attempts: Generated<number>;
  last_run: string | null;
  next_attempt_at: Generated<number | string>;
  /**
   * Not released before this instant (epoch ms): the reader's `deliverAt` hour in their zone on
   * the edition's date; 0 is at once (lists without `deliverAt`).
   */
  not_before: Generated<number | string>;
  claimed_by: string | null;
  /** The owner tag of the run that sent it (`claimed_by` is cleared when a row is finished). */
  sent_by: string | null;
  lease_until: number | string | null;
  message_id: string | null;
  /** The server's last reply (or the outbox file), kept for the operator. */
  response: string | null;
  error_code: string | null;
  sent_at: number | string | null;
  created_at: number | string;
  updated_at: number | string;
}

/** Tables owned by the delivery ledger. */
export interface DeliveryTables {
  deliveries: DeliveryRow;
}
