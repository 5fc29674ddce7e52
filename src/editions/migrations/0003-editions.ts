import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../../db/create-database.ts';

/** Editions as records: each sent edition of a list, frozen, and the item versions it carried. */
export function editionsMigration(dialect: DialectName): Migration {
  const time = dialect === 'postgres' ? 'bigint' : 'integer';
  const serial = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('editions')
        .addColumn('id', serial, (c) => c.primaryKey())
        .addColumn('list_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('cadence', 'text', (c) => c.notNull())
        .addColumn('frozen_at', time, (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        // Frozen once per (list, date); numbers never repeat within a list.
        .addUniqueConstraint('editions_once', ['list_id', 'date'])
        .addUniqueConstraint('editions_number', ['list_id', 'number'])
        .execute();
      await db.schema
        .createTable('edition_items')
        .addColumn('edition_id', 'integer', (c) => c.notNull().references('editions.id').onDelete('cascade'))
        .addColumn('list_id', 'text', (c) => c.notNull())
        .addColumn('item_id', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        // One version of an item goes out once per list: a second edition taking it is refused.
        .addUniqueConstraint('edition_items_once', ['list_id', 'item_id', 'fingerprint'])
        .execute();
      await db.schema
        .createIndex('edition_items_edition')
        .on('edition_items')
        .columns(['edition_id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('edition_items').execute();
      await db.schema.dropTable('editions').execute();
    },
  };
}
