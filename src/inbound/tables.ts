import type { Generated } from 'kysely';

/** Where a received message came in. */
export type InboundSource = 'smtp' | 'imap' | 'ses' | 'postmark';

/** `received`: stored, not yet understood (a crash between the two is finished on restart). */
export type InboundStatus = 'received' | 'processed' | 'unrecognised';

/**
 * One row per distinct message received (raw bytes as they arrived, or a webhook's JSON body).
 * Times are epoch milliseconds (bigint on PostgreSQL, read back as string: pass through Number()).
 */
export interface InboundMessageRow {
  id: Generated<number>;
  /** SHA-256 of the raw bytes: the sender's retry of the same message finds this row. */
  sha256: string;
  /** The message's own Message-ID header, if any (a second way to recognise a retry). */
  message_id: string | null;
  source: InboundSource;
  /** The envelope sender; '' for the null sender `<>` of bounces. */
  mail_from: string | null;
  /** JSON array of envelope recipients. */
  rcpt_to: string;
  remote_ip: string | null;
  raw: Buffer;
  size: number;
  received_at: number | string;
  /** How many times it was received (a retry after a lost 250 counts here, not as an event). */
  seen_count: Generated<number>;
  status: Generated<InboundStatus>;
  /** What it was understood as: bounce, complaint, auto-reply, delay, unrecognised. */
  kind: string | null;
  /** Why it was not understood, or what processing it failed on. */
  note: string | null;
  processed_at: number | string | null;
}

/** What one message said about one recipient. */
export type InboundEventKind =
  'hard-bounce' | 'soft-bounce' | 'delayed' | 'complaint' | 'auto-reply' | 'subscribe' | 'unsubscribe';

/**
 * What an event changed: the subscriber's status, a soft-bounce count, nothing, or no ledger row
 * found. Requests by mail (issue 14): `unsubscribed`, `left-list` (one list of several),
 * `confirmation-sent` (a pending subscription and its double opt-in mail), `link-sent` (an
 * unverified unsubscribe@ answered with the subscriber's own link), `throttled` (an abuse limit:
 * nothing sent), `refused` (not verified, or not to be answered: nothing changed or sent).
 */
export type InboundEffect =
  | 'bounced'
  | 'counted'
  | 'complained'
  | 'none'
  | 'unmatched'
  | 'unsubscribed'
  | 'left-list'
  | 'confirmation-sent'
  | 'link-sent'
  | 'throttled'
  | 'refused';

/** One row per (message, kind, recipient), tied to the ledger row it answers when one is found. */
export interface InboundEventRow {
  id: Generated<number>;
  inbound_message_id: number;
  kind: InboundEventKind;
  /** The address the report is about ('' when none was named). */
  recipient: string;
  /** RFC 3463 enhanced status code (5.1.1), or the feedback type for complaints. */
  status_code: string | null;
  diagnostic: string | null;
  delivery_id: number | null;
  edition: string | null;
  list_id: string | null;
  subscriber_id: string | null;
  effect: InboundEffect;
  created_at: number | string;
}

/** Tables owned by inbound/. */
export interface InboundTables {
  inbound_messages: InboundMessageRow;
  inbound_events: InboundEventRow;
}
