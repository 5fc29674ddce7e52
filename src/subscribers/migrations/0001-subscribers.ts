import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../../db/create-database.ts';

/** Subscribers, their consent records and the suppression list of forgotten addresses. */
export function subscribersMigration(dialect: DialectName): Migration {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('subscribers')
        .addColumn('id', serial, (c) => c.primaryKey())
        .addColumn('uid', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_key', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('lists', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('ad_consent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The send streams active subscribers in id order (keyset pages).
      await db.schema
        .createIndex('subscribers_status_id')
        .on('subscribers')
        .columns(['status', 'id'])
        .execute();
      await db.schema
        .createTable('consents')
        .addColumn('id', serial, (c) => c.primaryKey())
        .addColumn('subscriber_id', 'integer', (c) =>
          c.notNull().references('subscribers.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('consent_version', 'text', (c) => c.notNull())
        .addColumn('ad_consent', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('confirm_sent_at', 'text')
        .addColumn('confirm_sent_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('confirmed_at', 'text')
        .addColumn('confirm_ip', 'text')
        .addColumn('unsubscribed_at', 'text')
        .addColumn('unsubscribe_source', 'text')
        .execute();
      await db.schema
        .createIndex('consents_subscriber')
        .on('consents')
        .columns(['subscriber_id', 'id'])
        .execute();
      await db.schema
        .createTable('suppressions')
        .addColumn('email_hash', 'text', (c) => c.primaryKey())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('suppressions').execute();
      await db.schema.dropTable('consents').execute();
      await db.schema.dropTable('subscribers').execute();
    },
  };
}
