import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../../db/create-database.ts';

/**
 * The instant before which a ledger row is not released (epoch ms): the reader's `deliverAt`
 * hour in their zone on the edition's date. 0 (every row planned before, and every list
 * without `deliverAt`) means at once.
 */
export function deliveryNotBeforeMigration(dialect: DialectName): Migration {
  const time = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('deliveries')
        .addColumn('not_before', time, (c) => c.notNull().defaultTo(0))
        .execute();
      // The schedule asks when the next held row is due, across every edition.
      await db.schema
        .createIndex('deliveries_release')
        .on('deliveries')
        .columns(['status', 'not_before'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('deliveries_release').execute();
      await db.schema.alterTable('deliveries').dropColumn('not_before').execute();
    },
  };
}
