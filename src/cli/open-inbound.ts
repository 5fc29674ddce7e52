import type { Config } from '../config/config.ts';
import type { Database } from '../db/create-database.ts';
import type { Tables } from './gazette-schema.ts';
import { openGazetteDatabase } from './open-gazette-database.ts';
import { createInboundPipeline } from '../inbound/create-inbound-pipeline.ts';
import type { InboundPipeline } from '../inbound/create-inbound-pipeline.ts';
import { createInboundStore } from '../inbound/inbound-store.ts';
import type { InboundStore } from '../inbound/inbound-store.ts';
import { inboundSettings } from '../inbound/inbound-settings.ts';
import { createBounceActions } from '../subscribers/create-bounce-actions.ts';

export interface OpenedInbound {
  database: Database<Tables>;
  store: InboundStore;
  pipeline: InboundPipeline;
  close(): Promise<void>;
}

/** The composition root of the receiving side: the database, migrated, and one pipeline over it. */
export async function openInbound(
  config: Config,
  log?: (message: string, error?: unknown) => void,
): Promise<OpenedInbound> {
  const database = await openGazetteDatabase(config);
  const store = createInboundStore(database.db);
  const pipeline = createInboundPipeline({
    store,
    subscribers: createBounceActions(database.db, config.secret),
    settings: inboundSettings(config),
    log,
  });
  return { database, store, pipeline, close: () => database.close() };
}
