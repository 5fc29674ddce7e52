import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../../db/create-database.ts';

/** The delivery ledger: one row per (edition, list, subscriber), claimed by workers. */
export function deliveriesMigration(dialect: DialectName): Migration {
  // Epoch milliseconds do not fit PostgreSQL's 32-bit integer.
  const time = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('deliveries')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
        .addColumn('edition', 'text', (c) => c.notNull())
        .addColumn('list_id', 'text', (c) => c.notNull())
        .addColumn('subscriber_id', 'text', (c) => c.notNull())
        .addColumn('subscriber_ref', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('segment', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('run_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_run', 'text')
        .addColumn('next_attempt_at', time, (c) => c.notNull().defaultTo(0))
        .addColumn('claimed_by', 'text')
        .addColumn('lease_until', time)
        .addColumn('message_id', 'text')
        .addColumn('response', 'text')
        .addColumn('error_code', 'text')
        .addColumn('sent_at', time)
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        // Planning twice adds nothing: the ledger's identity is (edition, list, subscriber).
        .addUniqueConstraint('deliveries_once', ['edition', 'list_id', 'subscriber_id'])
        .execute();
      // Claims scan one edition's open rows in id order.
      await db.schema
        .createIndex('deliveries_claim')
        .on('deliveries')
        .columns(['edition', 'list_id', 'status', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('deliveries').execute();
    },
  };
}
