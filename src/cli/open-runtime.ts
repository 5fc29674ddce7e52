import type { Config } from '../config/config.ts';
import type { Database, DialectName } from '../db/create-database.ts';
import type { EditionStore } from '../editions/edition-store.ts';
import { createEditionStore } from '../editions/edition-store.ts';
import type { Item } from '../content/item.ts';
import { createLedger } from '../send/ledger.ts';
import { plannedEditions } from '../send/planned-editions.ts';
import { adoptLedgerEditions } from './adopt-ledger-editions.ts';
import type { Tables } from './gazette-schema.ts';
import { openGazetteDatabase } from './open-gazette-database.ts';
import type { Ledger } from '../send/ledger.ts';
import { createKyselyStore } from '../subscribers/create-kysely-store.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';

/** The stores of one process, over one database connection (pool), migrated. */
export interface Runtime {
  dialect: DialectName;
  /** The connection itself, for work that spans areas in one transaction (the erasure). */
  database: Database<Tables>;
  store: SubscriberStore;
  ledger: Ledger;
  editions: EditionStore;
  /** Give editions sent before they were records a record (see adoptLedgerEditions). */
  adoptLedgerEditions(
    config: Pick<Config, 'lists' | 'timeZone'>,
    loadItems: () => Promise<readonly Item[]>,
  ): Promise<number>;
  close(): Promise<void>;
}

/** The composition root's one way to open the database DATABASE_URL names, migrated to the latest schema. */
export async function openRuntime(
  config: Pick<Config, 'databaseUrl' | 'rootDir' | 'secret'>,
): Promise<Runtime> {
  const database = await openGazetteDatabase(config);
  const editions = createEditionStore(database.db);
  return {
    dialect: database.dialect,
    database,
    store: createKyselyStore(database.db, { secret: config.secret }),
    ledger: createLedger(database),
    editions,
    adoptLedgerEditions: async (cfg, items) =>
      adoptLedgerEditions(editions, await plannedEditions(database.db), cfg, items),
    close: () => database.close(),
  };
}
