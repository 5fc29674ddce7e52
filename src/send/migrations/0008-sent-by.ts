import type { Kysely, Migration } from 'kysely';

/**
 * Who sent each row: the owner tag (`worker:pid:run`) of the run whose attempt the server
 * accepted. `claimed_by` is cleared when a row is finished; this stays, so `gazette report` and
 * the send summary can give each worker's share of an edition and its rate.
 */
export function sentByMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('deliveries').addColumn('sent_by', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('deliveries').dropColumn('sent_by').execute();
    },
  };
}
