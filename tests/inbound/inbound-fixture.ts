import type { Config } from '../../src/config/config.ts';
import type { Database } from '../../src/db/create-database.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { createInboundPipeline } from '../../src/inbound/create-inbound-pipeline.ts';
import type { InboundPipeline } from '../../src/inbound/create-inbound-pipeline.ts';
import { createInboundStore } from '../../src/inbound/inbound-store.ts';
import { inboundSettings } from '../../src/inbound/inbound-settings.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { createBounceActions } from '../../src/subscribers/create-bounce-actions.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { CORPUS, VERP_DOMAIN } from '../fixtures/inbound/corpus.ts';
import { testConfig } from '../fixtures/test-config.ts';

export const EDITION = '2026-12-01';

/** The config of the corpus's world: mail from news.example, bounces to bounces.news.example. */
export function inboundConfig(extra: Record<string, unknown> = {}, rootDir = process.cwd()): Config {
  return testConfig(
    {
      from: { name: 'Gazette Daily', email: 'digest@news.example' },
      send: { verpDomain: VERP_DOMAIN },
      inbound: { domain: VERP_DOMAIN, ...extra },
    },
    { rootDir, env: { DATABASE_URL: 'sqlite::memory:' } },
  );
}

/** Every corpus recipient an active subscriber with a sent ledger row carrying the fixture's Message-ID. */
export async function seedCorpus(database: Database<Tables>): Promise<Map<string, number>> {
  const store = createKyselyStore(database.db);
  const ledger = createLedger(database);
  const ids = new Map<string, number>();
  const recipients = [...new Set(CORPUS.flatMap((e) => (e.recipient === undefined ? [] : [e.recipient])))];
  for (const email of recipients) {
    const result = await store.subscribe({
      email,
      locale: 'ko',
      categories: [],
      lists: ['daily'],
      consent: { source: 'form', version: 'v1' },
      confirmed: true,
    });
    const subscriber = result.subscriber;
    if (subscriber === undefined) throw new Error(`seed failed for ${email}`);
    ids.set(email, subscriber.id);
    await ledger.plan([
      {
        edition: EDITION,
        list_id: 'daily',
        subscriber_id: String(subscriber.id),
        subscriber_ref: subscriber.uid,
        email,
        name: null,
        locale: 'ko',
        segment: 'ko',
      },
    ]);
    const messageId =
      CORPUS.find((e) => e.recipient === email)?.messageId ??
      `<${EDITION}.daily.${'f'.repeat(24)}-${subscriber.id}@news.example>`;
    await database.db
      .updateTable('deliveries')
      .set({ status: 'sent', message_id: messageId, sent_at: Date.parse('2026-11-30T22:00:05Z') })
      .where('email', '=', email)
      .execute();
  }
  return ids;
}

export function pipelineFor(database: Database<Tables>, config: Config = inboundConfig()): InboundPipeline {
  return createInboundPipeline({
    store: createInboundStore(database.db),
    subscribers: createBounceActions(database.db),
    settings: inboundSettings(config),
    log: () => {},
  });
}

/** Subscriber statuses by address. */
export async function statuses(database: Database<Tables>): Promise<Record<string, string>> {
  const rows = await database.db.selectFrom('subscribers').select(['email', 'status']).execute();
  return Object.fromEntries(rows.map((r) => [r.email, r.status]));
}

/** What the corpus must leave behind: bounced, complained or still active. */
export function expectedStatus(email: string): string {
  const entry = CORPUS.find((e) => e.recipient === email);
  if (entry?.event === 'hard-bounce') return 'bounced';
  if (entry?.event === 'complaint') return 'complained';
  return 'active';
}
