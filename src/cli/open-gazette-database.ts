import type { Config } from '../config/config.ts';
import type { Database } from '../db/create-database.ts';
import { openDatabase } from '../db/open-database.ts';
import { gazetteMigrations } from './gazette-schema.ts';
import type { Tables } from './gazette-schema.ts';

/** The database DATABASE_URL names with every area's tables, migrated to the latest schema. */
export function openGazetteDatabase(
  config: Pick<Config, 'databaseUrl' | 'rootDir'>,
): Promise<Database<Tables>> {
  return openDatabase<Tables>(config, gazetteMigrations);
}
