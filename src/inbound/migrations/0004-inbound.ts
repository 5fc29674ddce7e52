import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../../db/create-database.ts';

/** Mail that comes back: every received message (raw) and what it said about whom. */
export function inboundMigration(dialect: DialectName): Migration {
  const time = dialect === 'postgres' ? 'bigint' : 'integer';
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('inbound_messages')
        .addColumn('id', serial, (c) => c.primaryKey())
        .addColumn('sha256', 'text', (c) => c.notNull().unique())
        .addColumn('message_id', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('mail_from', 'text')
        .addColumn('rcpt_to', 'text', (c) => c.notNull())
        .addColumn('remote_ip', 'text')
        .addColumn('raw', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('received_at', time, (c) => c.notNull())
        .addColumn('seen_count', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('received'))
        .addColumn('kind', 'text')
        .addColumn('note', 'text')
        .addColumn('processed_at', time)
        .execute();
      await db.schema
        .createIndex('inbound_messages_status')
        .on('inbound_messages')
        .columns(['status', 'id'])
        .execute();
      await db.schema
        .createIndex('inbound_messages_message_id')
        .on('inbound_messages')
        .column('message_id')
        .execute();
      await db.schema
        .createTable('inbound_events')
        .addColumn('id', serial, (c) => c.primaryKey())
        .addColumn('inbound_message_id', 'integer', (c) =>
          c.notNull().references('inbound_messages.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('status_code', 'text')
        .addColumn('diagnostic', 'text')
        .addColumn('delivery_id', 'integer')
        .addColumn('edition', 'text')
        .addColumn('list_id', 'text')
        .addColumn('subscriber_id', 'text')
        .addColumn('effect', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        // Processing a message twice (a crash before it was marked processed) adds nothing.
        .addUniqueConstraint('inbound_events_once', ['inbound_message_id', 'kind', 'recipient'])
        .execute();
      await db.schema
        .createIndex('inbound_events_edition')
        .on('inbound_events')
        .columns(['edition', 'list_id'])
        .execute();
      await db.schema
        .createIndex('inbound_events_subscriber')
        .on('inbound_events')
        .columns(['subscriber_id', 'kind', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('inbound_events').execute();
      await db.schema.dropTable('inbound_messages').execute();
    },
  };
}
