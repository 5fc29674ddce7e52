/**
 * What inbound/ may change about a subscriber, declared here and kept narrow (the store's
 * `create-bounce-actions.ts` implements it). Ids are the ledger's `subscriber_id`.
 */
export interface InboundSubscribers {
  /** Stop all mail (editions, confirmations, welcomes). True when the status changed. */
  markBounced(subscriberId: number, now: Date): Promise<boolean>;
  /** Unsubscribe at once, record `complaint` on the consent record and suppress the address. */
  markComplained(subscriberId: number, now: Date): Promise<boolean>;
}
