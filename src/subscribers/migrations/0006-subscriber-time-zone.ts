import type { Kysely, Migration } from 'kysely';

/** Each subscriber's IANA time zone; null means the list's default (the newsletter's `timeZone`). */
export function subscriberTimeZoneMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('subscribers').addColumn('time_zone', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('subscribers').dropColumn('time_zone').execute();
    },
  };
}
