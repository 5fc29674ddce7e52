import type { Config } from '../config/config.ts';
import { openDatabase } from '../db/open-database.ts';
import type { DialectName } from '../db/create-database.ts';
import { createKyselyStore } from './create-kysely-store.ts';
import type { SubscriberStore } from './subscriber-store.ts';

export interface OpenedStore {
  store: SubscriberStore;
  dialect: DialectName;
  close(): Promise<void>;
}

/** The composition root's store: the database DATABASE_URL names, migrated to the latest schema. */
export async function openStore(
  config: Pick<Config, 'databaseUrl' | 'rootDir' | 'secret'>,
): Promise<OpenedStore> {
  const database = await openDatabase(config);
  return {
    store: createKyselyStore(database.db, { secret: config.secret }),
    dialect: database.dialect,
    close: () => database.close(),
  };
}
