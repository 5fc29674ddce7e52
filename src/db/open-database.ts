import type { Database } from './create-database.ts';
import { createDatabase } from './create-database.ts';
import { migrate } from './migrate.ts';

/** The database DATABASE_URL names, migrated to the latest schema (closed again if that fails). */
export async function openDatabase(config: { databaseUrl: string; rootDir: string }): Promise<Database> {
  const database = createDatabase(config.databaseUrl, { rootDir: config.rootDir });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
