import type { SubscriberTables } from '../subscribers/tables.ts';
import type { DeliveryTables } from '../send/tables.ts';
import type { EditionTables } from '../editions/tables.ts';
import type { InboundTables } from '../inbound/tables.ts';

/** Every table Gazette keeps; each area declares its own and this joins them for Kysely. */
export interface Tables extends SubscriberTables, DeliveryTables, EditionTables, InboundTables {}
