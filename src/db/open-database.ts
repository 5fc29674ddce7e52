import type { Database } from './create-database.ts';
import { createDatabase } from './create-database.ts';
import type { Migrations } from './migrate.ts';
import { migrate } from './migrate.ts';

/** The database DATABASE_URL names, migrated to the latest schema (closed again if that fails). */
export async function openDatabase<T>(
  config: { databaseUrl: string; rootDir: string },
  migrations: Migrations,
): Promise<Database<T>> {
  const database = createDatabase<T>(config.databaseUrl, { rootDir: config.rootDir });
  try {
    await migrate(database, migrations);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
