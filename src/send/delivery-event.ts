/** What happened to one recipient, or to the whole send (for progress and log lines). */
export type DeliveryEvent =
  | { type: 'sent'; email: string; messageId: string; response: string }
  | { type: 'deferred'; email: string; code: string; response: string; retryAt: number }
  | { type: 'failed'; email: string; code: string; response: string; bounced: boolean }
  | { type: 'skipped'; email: string; reason: string }
  /** This run's lease on the row ran out and another worker took it: its result was not written. */
  | { type: 'lost'; email: string; outcome: string }
  | { type: 'paused'; reason: string }
  /** The server throttled us or could not be reached: every worker waits until then. */
  | { type: 'throttled'; untilMs: number; response: string }
  /** An error that would hit every message alike: the send stops. */
  | { type: 'fatal'; code: string; message: string }
  | { type: 'waiting'; untilMs: number };
