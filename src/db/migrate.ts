import { Migrator } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import { GazetteError } from '../errors.ts';
import type { Database } from './create-database.ts';
import { migrations } from './migrations/index.ts';

/** Bring the schema up to date; runs on every start, idempotent, one transaction per step. */
export async function migrate(database: Database): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () => migrations(database.dialect) as Record<string, Migration>,
  };
  const migrator = new Migrator({ db: database.db, provider });
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
