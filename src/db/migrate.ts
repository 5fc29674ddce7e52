import { Migrator, sql } from 'kysely';
import type { Migration, MigrationProvider, MigrationResultSet } from 'kysely';
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
  // another schema, table or column of the same database is dropped meanwhile, that look fails
  // (3F000 invalid_schema_name, 42P01 undefined_table, 42703 undefined_column) before any
  // migration ran. Nothing was changed then, and the next look succeeds.
  for (let retry = 1; retry <= 10 && isIntrospectionRace(outcome, migrationTableSchema); retry++) {
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

const VANISHED_OBJECT = new Set(['3F000', '42P01', '42703']);

/** A failure of Kysely's look at the catalogue, on PostgreSQL, before any migration ran. */
function isIntrospectionRace(outcome: MigrationResultSet, schema: string | undefined): boolean {
  const { error, results } = outcome;
  if (schema === undefined || typeof error !== 'object' || error === null) return false;
  if (results !== undefined && results.some((r) => r.status !== 'NotExecuted')) return false;
  return VANISHED_OBJECT.has(String((error as { code?: unknown }).code));
}
