import { Migrator, sql } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import { GazetteError } from '../errors.ts';
import type { Database, DialectName } from './create-database.ts';

/** An application's migrations, by name, for a dialect (names sort in the order they run). */
export type Migrations = (dialect: DialectName) => Record<string, Migration>;

/** Bring the schema up to date; runs on every start, idempotent, one transaction per step. */
export async function migrate<T>(database: Database<T>, migrations: Migrations): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () => migrations(database.dialect),
  };
  // Kysely looks for its migration tables in every schema unless told which one: on a shared
  // PostgreSQL another schema's tables would be taken for ours, and the migration fails.
  const migrationTableSchema =
    database.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({ db: database.db, provider, migrationTableSchema });
  let outcome = await migrator.migrateToLatest();
  // Kysely's PostgreSQL introspection (does the migration table exist?) reads every schema's
  // tables and calls has_schema_privilege() and pg_get_serial_sequence() on their names: when
  // another schema of the same database is dropped meanwhile, that fails with invalid_schema_name
  // (3F000) for a schema that is not ours. Nothing was migrated then; the next look succeeds.
  for (let retry = 1; retry <= 10 && isOtherSchemaGone(outcome.error, migrationTableSchema); retry++) {
    await new Promise((resolve) => setTimeout(resolve, 20 * retry));
    outcome = await migrator.migrateToLatest();
  }
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new GazetteError(
      'STORE',
      `Database migration ${failed} failed: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
}

/** PostgreSQL's invalid_schema_name for a schema other than ours (see the retry above). */
function isOtherSchemaGone(error: unknown, ours: string | undefined): boolean {
  if (ours === undefined || typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '3F000' && typeof message === 'string' && !message.includes(`"${ours}"`);
}
