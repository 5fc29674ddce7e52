import type { Config } from '../config/config.ts';
import { isStrongSecret } from '../config/require-secret.ts';
import type { Database } from '../db/create-database.ts';
import type { Tables } from './gazette-schema.ts';
import { openRuntime } from './open-runtime.ts';
import type { DnsResolver } from '../inbound/authenticate-message.ts';
import { createInboundPipeline } from '../inbound/create-inbound-pipeline.ts';
import type { InboundPipeline } from '../inbound/create-inbound-pipeline.ts';
import { createInboundStore } from '../inbound/inbound-store.ts';
import type { InboundStore } from '../inbound/inbound-store.ts';
import { inboundSettings } from '../inbound/inbound-settings.ts';
import { createMailer } from '../mail/create-mailer.ts';
import type { Mailer } from '../mail/mailer.ts';
import { createBounceActions } from '../subscribers/create-bounce-actions.ts';
import { createMailRequests } from '../transactional/create-mail-requests.ts';

export interface OpenedInbound {
  database: Database<Tables>;
  store: InboundStore;
  pipeline: InboundPipeline;
  close(): Promise<void>;
}

export interface OpenInboundOptions {
  log?: (message: string, error?: unknown) => void;
  /** DNS for DKIM/SPF/DMARC checks of requests by mail (tests answer from their own records). */
  resolver?: DnsResolver;
  /** Where confirmations and notices go (default: from SMTP_URL, else the outbox). */
  mailer?: Mailer;
}

/**
 * The composition root of the receiving side: the runtime's stores, and one pipeline over them.
 * Requests by mail (issue 14) are answered through the mailer when GAZETTE_SECRET can sign links.
 */
export async function openInbound(config: Config, options: OpenInboundOptions = {}): Promise<OpenedInbound> {
  const runtime = await openRuntime(config);
  const { database, store: subscribers } = runtime;
  const store = createInboundStore(database.db);
  const canSign = isStrongSecret(config.secret);
  const mailer = canSign ? (options.mailer ?? createMailer(config, 'transactional')) : undefined;
  const pipeline = createInboundPipeline({
    store,
    subscribers: createBounceActions(database.db, config.secret),
    settings: inboundSettings(config),
    requests:
      mailer === undefined
        ? undefined
        : createMailRequests({ config, mailer, store: subscribers, log: options.log }),
    resolver: options.resolver,
    log: options.log,
  });
  return {
    database,
    store,
    pipeline,
    async close() {
      if (options.mailer === undefined) await mailer?.close();
      await runtime.close();
    },
  };
}
