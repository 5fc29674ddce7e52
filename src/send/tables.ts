/** Tables owned by the delivery ledger (filled in by the send work). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DeliveryTables {}
