import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../../db/create-database.ts';

/** The consent-notice ledger: one row per (subscriber, consent, period), claimed like deliveries. */
export function noticesMigration(dialect: DialectName): Migration {
  // Epoch milliseconds do not fit PostgreSQL's 32-bit integer.
  const time = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('consent_notices')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
        .addColumn('subscriber_id', 'text', (c) => c.notNull())
        .addColumn('subscriber_ref', 'text', (c) => c.notNull())
        .addColumn('consented_at', 'text', (c) => c.notNull())
        .addColumn('period', 'integer', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', time, (c) => c.notNull().defaultTo(0))
        .addColumn('claimed_by', 'text')
        .addColumn('lease_until', time)
        .addColumn('message_id', 'text')
        .addColumn('response', 'text')
        .addColumn('error_code', 'text')
        .addColumn('sent_at', time)
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        // Planning twice adds nothing: one notice per reader, consent and period.
        .addUniqueConstraint('consent_notices_once', ['subscriber_id', 'consented_at', 'period'])
        .execute();
      await db.schema
        .createIndex('consent_notices_claim')
        .on('consent_notices')
        .columns(['status', 'id'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('consent_notices').execute();
    },
  };
}
