import { Migrator, sql } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import { GazetteError } from '../errors.ts';
import type { Database } from './create-database.ts';
import { migrations } from './migrations/index.ts';

/** Bring the schema up to date; runs on every start, idempotent, one transaction per step. */
export async function migrate(database: Database): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () => migrations(database.dialect) as Record<string, Migration>,
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
