import type { Kysely, Migration } from 'kysely';
import type { DialectName } from '../../db/create-database.ts';

/**
 * Requests by mail (issue 14): a consent given by mail keeps its Message-ID, receiving time and
 * authentication results; result notices (정보통신망법 §50⑦) are recorded once per change.
 */
export function mailRequestsMigration(_dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('consents').addColumn('message_id', 'text').execute();
      await db.schema.alterTable('consents').addColumn('received_at', 'text').execute();
      await db.schema.alterTable('consents').addColumn('auth_results', 'text').execute();
      await db.schema
        .createTable('change_notices')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('subscriber_id', 'integer', (c) =>
          c.notNull().references('subscribers.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('change_notices').execute();
      await db.schema.alterTable('consents').dropColumn('auth_results').execute();
      await db.schema.alterTable('consents').dropColumn('received_at').execute();
      await db.schema.alterTable('consents').dropColumn('message_id').execute();
    },
  };
}
