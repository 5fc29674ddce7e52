import type { Migration } from 'kysely';
import type { DialectName } from '../db/create-database.ts';
import { editionsMigration } from '../editions/migrations/0003-editions.ts';
import type { EditionTables } from '../editions/tables.ts';
import { inboundMigration } from '../inbound/migrations/0004-inbound.ts';
import type { InboundTables } from '../inbound/tables.ts';
import { noticesMigration } from '../notices/migrations/0007-notices.ts';
import type { NoticeTables } from '../notices/tables.ts';
import { deliveriesMigration } from '../send/migrations/0002-deliveries.ts';
import { deliveryNotBeforeMigration } from '../send/migrations/0006-delivery-not-before.ts';
import { sentByMigration } from '../send/migrations/0008-sent-by.ts';
import type { DeliveryTables } from '../send/tables.ts';
import { subscribersMigration } from '../subscribers/migrations/0001-subscribers.ts';
import { mailRequestsMigration } from '../subscribers/migrations/0005-mail-requests.ts';
import { subscriberTimeZoneMigration } from '../subscribers/migrations/0006-subscriber-time-zone.ts';
import type { SubscriberTables } from '../subscribers/tables.ts';

/**
 * Every table Gazette keeps. Each area declares its own (`<area>/tables.ts`) and works on a
 * `Kysely` of those alone; only the composition root sees them joined.
 */
export interface Tables
  extends SubscriberTables, DeliveryTables, EditionTables, InboundTables, NoticeTables {}

/**
 * Every migration, by name; names sort in the order they run, so a new one takes the next
 * number across all areas. Each area keeps its files in `<area>/migrations/` and adds one line here.
 */
export function gazetteMigrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-subscribers': subscribersMigration(dialect),
    '0002-deliveries': deliveriesMigration(dialect),
    '0003-editions': editionsMigration(dialect),
    '0004-inbound': inboundMigration(dialect),
    '0005-mail-requests': mailRequestsMigration(dialect),
    '0006-delivery-not-before': deliveryNotBeforeMigration(dialect),
    '0006-subscriber-time-zone': subscriberTimeZoneMigration(),
    '0007-notices': noticesMigration(dialect),
    '0008-sent-by': sentByMigration(),
  };
}
