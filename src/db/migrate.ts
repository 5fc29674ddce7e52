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
  const { error, results } = await migrator.migrateToLatest();
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
