/**
 * What happened to one recipient, or to the whole send (for progress and log lines).
 * `subscriberId` is the store's row id: what logs name a recipient by (never `email`, which
 * stays in the process: logs outlive an erasure).
 */
export type DeliveryEvent =
  | { type: 'sent'; subscriberId: string; email: string; messageId: string; response: string }
  | { type: 'deferred'; subscriberId: string; email: string; code: string; response: string; retryAt: number }
  | { type: 'failed'; subscriberId: string; email: string; code: string; response: string; bounced: boolean }
  | { type: 'skipped'; subscriberId: string; email: string; reason: string }
  /** This run's lease on the row ran out and another worker took it: its result was not written. */
  | { type: 'lost'; subscriberId: string; email: string; outcome: string }
  | { type: 'paused'; reason: string }
  /** The server throttled us or could not be reached: every worker waits until then. */
  | { type: 'throttled'; untilMs: number; response: string }
  /** An error that would hit every message alike: the send stops. */
  | { type: 'fatal'; code: string; message: string }
  | { type: 'waiting'; untilMs: number };
