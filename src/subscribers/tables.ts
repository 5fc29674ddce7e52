/** Tables owned by the subscriber store (filled in by the subscribers work). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SubscriberTables {}
