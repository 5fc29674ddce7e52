import { rmSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { loadItems } from '../../src/content/load-items.ts';
import { isDue } from '../../src/edition/is-due.ts';
import { createEditionResolver } from '../../src/editions/create-edition-resolver.ts';
import { createEditionStore } from '../../src/editions/edition-store.ts';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { runSend } from '../../src/send/run-send.ts';
import type { SendSummary } from '../../src/send/run-send.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { writeItem } from '../fixtures/write-item.ts';
import { SECRET, subscriber } from './send-fixture.ts';
import { useSendSuite } from './send-harness.ts';

/** One send of `date` as `gazette send` does it: items read now, the edition resolved against the store. */
async function sendDay(
  test: TestDatabase,
  config: Config,
  smtpUrl: string,
  date: string,
  signal?: AbortSignal,
) {
  const lists = config.lists.filter((list) => isDue(list, date)).map((list) => list.id);
  const { items } = await loadItems(config.contentDir);
  const mailer = createSmtpMailer({ url: smtpUrl, pool: 2 });
  try {
    return await runSend(
      {
        ledger: createLedger(test.database),
        source: createKyselyStore(test.database.db),
        mailer,
        renderer: createDigestRenderer(config),
        tokenFor: (s) => manageToken(SECRET, s),
      },
      {
        config,
        date,
        lists,
        signal,
        editionFor: createEditionResolver(createEditionStore(test.database.db), {
          config,
          items,
          date,
          freeze: signal === undefined || !signal.aborted,
        }).editionFor,
      },
    );
  } finally {
    await mailer.close();
  }
}

/** Headline ids in each received message's text part, per recipient and edition date. */
async function received(
  sink: SmtpSink,
): Promise<{ to: string; subject: string; ids: string[]; text: string }[]> {
  return Promise.all(
    sink.received.map(async (message) => {
      const parsed = await simpleParser(message.raw);
      const text = parsed.text ?? '';
      const ids = [...new Set([...text.matchAll(/Headline (\w+)/g)].map((m) => m[1]!))].sort();
      const listId = String(parsed.headers.get('list-id') ?? '');
      return { to: message.envelope.to[0]!, list: listId, subject: parsed.subject ?? '', ids, text };
    }),
  );
}

const READERS = ['ko@example.com', 'en@example.com', 'both@example.com'];

describe.each(DIALECTS)('editions as records ($name)', (dialect) => {
  const suite = useSendSuite(dialect);

  async function setUp() {
    const harness = await suite.harness();
    const content = harness.fixture.config.contentDir;
    for (const file of ['tech_1.md', 'biz_1.md', 'policy_1.md']) rmSync(path.join(content, file));
    const locales = ['ko', 'en', 'bilingual'] as const;
    for (const [at, email] of READERS.entries())
      await harness.store.subscribe(subscriber(email, locales[at]!));
    return { harness, content, config: harness.fixture.config };
  }

  it.skipIf(!dialect.available)(
    'a late item reaches every reader once, in the next edition, marked with its own date',
    async () => {
      const { harness, content, config } = await setUp();
      writeItem(content, 'd20', '2026-02-20');
      const first: SendSummary = await sendDay(harness.test, config, suite.sink.url, '2026-02-20');
      expect(first.sent).toBe(3);
      // Ingested two days late: published on the 18th, after the 20th went out. (A list's first
      // edition takes only its own day, so the late item goes into the 21st.)
      writeItem(content, 'late18', '2026-02-18');
      writeItem(content, 'd21', '2026-02-21');
      expect((await sendDay(harness.test, config, suite.sink.url, '2026-02-21')).sent).toBe(3);
      writeItem(content, 'late19', '2026-02-19');
      expect((await sendDay(harness.test, config, suite.sink.url, '2026-02-22')).sent).toBe(3);

      const messages = await received(suite.sink);
      for (const email of READERS) {
        const mine = messages.filter((m) => m.to === email).map((m) => m.ids.join(' '));
        expect(mine, email).toEqual(['d20', 'd21 late18', 'late19']);
      }
      const store = createEditionStore(harness.test.database.db);
      const no2 = await store.byNumber('daily', 2);
      expect(no2?.date).toBe('2026-02-21');
      expect(no2?.marks).toEqual({ late18: { late: '2026-02-18' } });
      expect((await store.byNumber('daily', 3))?.marks).toEqual({ late19: { late: '2026-02-19' } });
    },
  );

  it.skipIf(!dialect.available)(
    'a resumed send gets the frozen edition, whatever changed in the content in between',
    async () => {
      const { harness, content, config } = await setUp();
      for (let i = 0; i < 6; i++) await harness.store.subscribe(subscriber(`more${i}@example.com`, 'en'));
      writeItem(content, 'a', '2026-02-20');
      writeItem(content, 'b', '2026-02-20');
      const stop = new AbortController();
      let events = 0;
      const slow = { ...config, send: { ...config.send, concurrency: 1 } };
      const { items } = await loadItems(config.contentDir);
      const mailer = createSmtpMailer({ url: suite.sink.url, pool: 1 });
      const half = await runSend(
        {
          ledger: createLedger(harness.test.database),
          source: createKyselyStore(harness.test.database.db),
          mailer,
          renderer: createDigestRenderer(slow),
          tokenFor: (s) => manageToken(SECRET, s),
        },
        {
          config: slow,
          date: '2026-02-20',
          signal: stop.signal,
          onEvent: () => {
            if (++events === 3) stop.abort();
          },
          editionFor: createEditionResolver(createEditionStore(harness.test.database.db), {
            config: slow,
            items,
            date: '2026-02-20',
            freeze: true,
          }).editionFor,
        },
      );
      await mailer.close();
      expect(half.sent).toBeGreaterThan(0);
      expect(half.sent).toBeLessThan(9);
      // Between the halves: an item of the day arrives and another is edited.
      writeItem(content, 'c', '2026-02-20');
      writeItem(content, 'b', '2026-02-20', { so_what_en: 'An edit after the send began.' });
      const rest = await sendDay(harness.test, config, suite.sink.url, '2026-02-20');
      expect(half.sent + rest.sent).toBe(9);
      const messages = await received(suite.sink);
      expect(new Set(messages.map((m) => m.to)).size).toBe(9);
      for (const message of messages) {
        expect(message.ids).toEqual(['a', 'b']);
        expect(message.text).not.toContain('An edit after the send began');
      }
    },
  );

  it.skipIf(!dialect.available)('two workers with different content freeze one edition', async () => {
    const { harness, content, config } = await setUp();
    writeItem(content, 'a', '2026-02-20');
    const before = (await loadItems(config.contentDir)).items;
    writeItem(content, 'z', '2026-02-20');
    const after = (await loadItems(config.contentDir)).items;
    const worker = async (items: typeof before) => {
      const mailer = createSmtpMailer({ url: suite.sink.url, pool: 1 });
      try {
        return await runSend(
          {
            ledger: createLedger(harness.test.database),
            source: createKyselyStore(harness.test.database.db),
            mailer,
            renderer: createDigestRenderer(config),
            tokenFor: (s) => manageToken(SECRET, s),
          },
          {
            config,
            date: '2026-02-20',
            editionFor: createEditionResolver(createEditionStore(harness.test.database.db), {
              config,
              items,
              date: '2026-02-20',
              freeze: true,
            }).editionFor,
          },
        );
      } finally {
        await mailer.close();
      }
    };
    const runs = await Promise.all([worker(before), worker(after)]);
    expect(runs[0].sent + runs[1].sent).toBe(3);
    const messages = await received(suite.sink);
    const sets = new Set(messages.map((m) => m.ids.join(' ')));
    expect(sets.size).toBe(1);
  });

  it.skipIf(!dialect.available)(
    'items older than the window are reported, not sent; a correction goes once more, marked',
    async () => {
      const { harness, content, config } = await setUp();
      writeItem(content, 'first', '2026-02-01');
      await sendDay(harness.test, config, suite.sink.url, '2026-02-01');
      writeItem(content, 'stale', '2026-02-03');
      writeItem(content, 'fresh', '2026-02-20');
      const { items } = await loadItems(config.contentDir);
      const resolver = createEditionResolver(createEditionStore(harness.test.database.db), {
        config,
        items,
        date: '2026-02-20',
        freeze: false,
      });
      const edition = await resolver.editionFor(config.lists[0]!);
      expect(edition?.sections.flatMap((s) => s.items.map((i) => i.id))).toEqual(['fresh']);
      expect(resolver.resolved.get('daily')?.leftOut.map((l) => [l.item.id, l.reason])).toEqual([
        ['stale', 'too-old'],
      ]);
      await sendDay(harness.test, config, suite.sink.url, '2026-02-20');
      // The sent item is edited: without `correction` it is reported, with it sent once, marked.
      writeItem(content, 'fresh', '2026-02-20', { so_what_en: 'Fixed the figure.' });
      await sendDay(harness.test, config, suite.sink.url, '2026-02-21');
      writeItem(content, 'fresh', '2026-02-20', { so_what_en: 'Fixed the figure.', correction: true });
      await sendDay(harness.test, config, suite.sink.url, '2026-02-22');
      await sendDay(harness.test, config, suite.sink.url, '2026-02-23');
      const messages = await received(suite.sink);
      const ids = messages.filter((m) => m.to === 'en@example.com').map((m) => m.ids.join(' '));
      expect(ids).toEqual(['first', 'fresh', 'fresh']);
      const store = createEditionStore(harness.test.database.db);
      expect((await store.find('daily', '2026-02-22'))?.marks).toEqual({ fresh: { correction: true } });
      expect(await store.find('daily', '2026-02-21')).toBeUndefined();
      expect(await store.find('daily', '2026-02-23')).toBeUndefined();
    },
  );

  it.skipIf(!dialect.available)(
    'a weekly and a daily list over the same 8 days: each item once per list, the cap by priority',
    async () => {
      const { harness, content, config: daily } = await setUp();
      const config: Config = {
        ...daily,
        lists: [
          ...daily.lists,
          {
            id: 'weekly',
            name: { ko: '주간 브리핑', en: 'Weekly Briefing' },
            locales: ['ko', 'en', 'bilingual'],
            categories: [],
            cadence: { every: 'week', on: 'mon' },
            maxItems: 3,
          },
        ],
      };
      await harness.store.subscribe(subscriber('weekly@example.com', 'en', [], { lists: ['weekly'] }));
      // 2026-02-16 is a Monday: the weekly list's first edition; the next is the 23rd.
      const days = ['16', '17', '18', '19', '20', '21', '22', '23'].map((d) => `2026-02-${d}`);
      for (const [at, date] of days.entries()) {
        writeItem(content, `n${at}`, date, at === 2 ? { priority: 5 } : { confidence: at / 10 });
        if (at === 5) writeItem(content, `x${at}`, date, { priority: 1 });
        await sendDay(harness.test, config, suite.sink.url, date);
      }
      const messages = await received(suite.sink);
      const dailyIds = messages.filter((m) => m.to === 'en@example.com').flatMap((m) => m.ids);
      expect(dailyIds.sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'x5'].sort());
      const weekly = messages.filter((m) => m.to === 'weekly@example.com');
      // No. 1 (Mon 16th) holds that day's item; No. 2 (Mon 23rd) the three weightiest of the
      // week since: n2 (priority 5), x5 (priority 1), then n7 (highest confidence).
      expect(weekly.map((m) => m.ids.join(' '))).toEqual(['n0', 'n2 n7 x5']);
      const store = createEditionStore(harness.test.database.db);
      expect((await store.summaries({ listId: 'weekly' })).map((e) => [e.number, e.date, e.items])).toEqual([
        [2, '2026-02-23', 3],
        [1, '2026-02-16', 1],
      ]);
    },
  );
});
