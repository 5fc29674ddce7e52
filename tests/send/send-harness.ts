import { loadItems } from '../../src/content/load-items.ts';
import type { Item } from '../../src/content/item.ts';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import type { Edition } from '../../src/edition/edition.ts';
import type { ListConfig } from '../../src/config/config-schema.ts';
import { createEditionResolver } from '../../src/editions/create-edition-resolver.ts';
import { createEditionStore } from '../../src/editions/edition-store.ts';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { prepareList } from '../../src/send/prepare-list.ts';
import { runSend } from '../../src/send/run-send.ts';
import type { Ledger } from '../../src/send/ledger.ts';
import type { PlanResult } from '../../src/send/plan-send.ts';
import type { SendDeps, SendOptions, SendSummary } from '../../src/send/run-send.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { DialectSetup, TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import type { SendFixture } from './send-fixture.ts';
import { createSendFixture, DATE, SECRET } from './send-fixture.ts';

/** Real store, real ledger, real renderer and a real SMTP mailer, on one test database. */
export interface SendHarness {
  test: TestDatabase;
  fixture: SendFixture;
  store: SubscriberStore;
  ledger: Ledger;
  items: Item[];
  /** The editions of DATE as a real send resolves them: frozen in the test database on first use. */
  editionFor(list: ListConfig): Promise<Edition | undefined>;
  /** One run; `deps` replaces parts (a mailer, renderer or ledger that misbehaves on purpose). */
  send(options?: Partial<SendOptions>, deps?: Partial<SendDeps>): Promise<SendSummary>;
  /** Plan the daily list's edition now, as a run would, so a test can change things before sending. */
  plan(): Promise<PlanResult>;
  cleanup(): Promise<void>;
}

export async function createSendHarness(
  dialect: DialectSetup,
  smtpUrl: string,
  send: Record<string, unknown> = {},
  content: { sponsored?: boolean } = {},
): Promise<SendHarness> {
  const test = await dialect.create();
  const fixture = createSendFixture({ smtpUrl, databaseUrl: test.url }, send, content);
  const store = createKyselyStore(test.database.db, { secret: SECRET });
  const ledger = createLedger(test.database);
  const { items } = await loadItems(fixture.config.contentDir);
  const renderer = createDigestRenderer(fixture.config);
  const { editionFor } = createEditionResolver(createEditionStore(test.database.db), {
    config: fixture.config,
    items,
    date: DATE,
    freeze: true,
  });
  return {
    test,
    fixture,
    store,
    ledger,
    items,
    editionFor,
    async send(options = {}, deps = {}) {
      const own = deps.mailer ?? createSmtpMailer({ url: smtpUrl, pool: 2 });
      try {
        return await runSend(
          { ledger, source: store, renderer, tokenFor: (s) => manageToken(SECRET, s), ...deps, mailer: own },
          {
            config: fixture.config,
            editionFor,
            date: DATE,
            retryBaseMs: 30,
            maxRetryWaitMs: 5_000,
            ...options,
          },
        );
      } finally {
        if (!deps.mailer) await own.close();
      }
    },
    async plan() {
      const config = fixture.config;
      const editionOptions = { timeZone: config.timeZone, categories: config.categories };
      const list = config.lists[0]!;
      const edition = await editionFor(list);
      if (!edition) throw new Error(`no edition dated ${DATE} in the fixture`);
      const ready = await prepareList({ source: store, ledger, renderer }, { list, edition, editionOptions });
      return ready.plan;
    },
    async cleanup() {
      await test.cleanup();
      fixture.cleanup();
    },
  };
}

/**
 * The hooks of a send test block: one SMTP sink for the block, and each test's harness (made by
 * `harness()`) cleaned up after it, with the sink emptied.
 */
export function useSendSuite(dialect: DialectSetup) {
  let sink: SmtpSink | undefined;
  let current: SendHarness | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink?.close());
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
    if (sink) sink.received.length = 0;
  });
  const suite = {
    get sink(): SmtpSink {
      if (!sink) throw new Error('the SMTP sink starts in beforeAll');
      return sink;
    },
    async harness(send: Record<string, unknown> = {}, content: { sponsored?: boolean } = {}) {
      current = await createSendHarness(dialect, suite.sink.url, send, content);
      return current;
    },
  };
  return suite;
}
