import type { Migration } from 'kysely';
import type { DialectName } from '../create-database.ts';
import { subscribersMigration } from './0001-subscribers.ts';
import { deliveriesMigration } from './0002-deliveries.ts';
import { editionsMigration } from './0003-editions.ts';
import { inboundMigration } from './0004-inbound.ts';

/**
 * Every migration, by name; names sort in the order they run. Each area adds its own file
 * (0001-subscribers.ts, 0002-deliveries.ts, …) and one line here.
 */
export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-subscribers': subscribersMigration(dialect),
    '0002-deliveries': deliveriesMigration(dialect),
    '0003-editions': editionsMigration(dialect),
    '0004-inbound': inboundMigration(dialect),
  };
}
