import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { CORPUS, corpusMail, verpOf } from '../fixtures/inbound/corpus.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { createInboundPipeline } from '../../src/inbound/create-inbound-pipeline.ts';
import { createInboundStore } from '../../src/inbound/inbound-store.ts';
import { inboundSettings } from '../../src/inbound/inbound-settings.ts';
import { isSuppressedHash } from './suppressed.ts';
import {
  EDITION,
  expectedStatus,
  inboundConfig,
  pipelineFor,
  seedCorpus,
  statuses,
} from './inbound-fixture.ts';

describe.each(DIALECTS)('inbound pipeline on $name', (dialect) => {
  let test: TestDatabase;
  beforeAll(async () => {
    if (!dialect.available) return;
    test = await dialect.create();
    await seedCorpus(test.database);
  });
  afterAll(async () => test?.cleanup());

  it.skipIf(!dialect.available)('the corpus: bounces, complaints, auto-replies, kept unknowns', async () => {
    const pipeline = pipelineFor(test.database);
    for (const entry of CORPUS) {
      const raw = corpusMail(entry.file);
      const stored = await pipeline.receive({
        raw,
        source: 'smtp',
        mailFrom: entry.kind === 'auto-reply' || entry.kind === 'unrecognised' ? (entry.recipient ?? '') : '',
        rcptTo: [verpOf(entry.recipient ?? 'nobody@nowhere.example')],
      });
      expect(stored.duplicate).toBe(false);
      const outcome = await pipeline.process(stored.id);
      expect(outcome?.kind, entry.file).toBe(entry.kind);
      if (entry.event !== undefined) {
        expect(outcome?.events[0]?.edition, entry.file).toBe(EDITION);
      }
    }
    const now = await statuses(test.database);
    for (const [email, status] of Object.entries(now)) expect(status, email).toBe(expectedStatus(email));

    // Every event carries its edition, list and ledger row.
    const events = await test.database.db.selectFrom('inbound_events').selectAll().execute();
    expect(events.filter((e) => e.kind === 'hard-bounce')).toHaveLength(5);
    expect(events.filter((e) => e.kind === 'complaint')).toHaveLength(2);
    expect(events.filter((e) => e.kind === 'auto-reply').map((e) => e.effect)).toEqual([
      'none',
      'none',
      'none',
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ edition: EDITION, list_id: 'daily' });
      expect(event.delivery_id).toBeGreaterThan(0);
    }
    // The complainer is suppressed and their consent record says why.
    const store = createKyselyStore(test.database.db);
    const kang = await store.findByEmail('kang@yahoo.example');
    expect((await store.consents(kang?.id ?? 0)).at(-1)?.unsubscribeSource).toBe('complaint');
    expect(await store.isSuppressed('kang@yahoo.example')).toBe(true);
    expect(await isSuppressedHash(test.database, 'oh@outlook.example')).toBe(true);
    // What was not understood is kept, raw, and listed.
    const unknown = await test.database.db
      .selectFrom('inbound_messages')
      .select(['status', 'note', 'raw'])
      .where('status', '=', 'unrecognised')
      .execute();
    expect(unknown).toHaveLength(2);
    expect(unknown.every((m) => m.note !== null && m.raw.length > 100)).toBe(true);
  });

  it.skipIf(!dialect.available)('the same message again is recognised and counted once', async () => {
    const pipeline = pipelineFor(test.database);
    const raw = corpusMail('gmail-mailbox-full.eml');
    const again = await pipeline.receive({
      raw,
      source: 'smtp',
      mailFrom: '',
      rcptTo: [verpOf('jung@gmail.example')],
    });
    expect(again.duplicate).toBe(true);
    const row = await test.database.db
      .selectFrom('inbound_messages')
      .select('seen_count')
      .where('id', '=', again.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.seen_count)).toBe(2);
    // Processing it again records nothing new.
    await pipeline.process(again.id);
    const soft = await test.database.db
      .selectFrom('inbound_events')
      .select('id')
      .where('recipient', '=', 'jung@gmail.example')
      .execute();
    expect(soft).toHaveLength(1);
  });

  it.skipIf(!dialect.available)(
    'softLimit soft bounces within softWindowDays make a subscriber bounced',
    async () => {
      const pipeline = pipelineFor(test.database, inboundConfig());
      const full = (day: number) =>
        Buffer.from(
          [
            'From: MAILER-DAEMON@mx.example',
            'To: x',
            `Message-ID: <full-${day}@mx.example>`,
            'Subject: Undelivered Mail Returned to Sender',
            '',
            `<yoon@daum.example>: 452 4.2.2 Mailbox full (day ${day})`,
            '',
          ].join('\r\n'),
        );
      // The corpus gave yoon@ one soft bounce; 20 days later the window has moved on.
      const late = Date.parse('2026-11-30T22:00:00Z') + 20 * 86_400_000;
      for (const [i, at] of [late, late + 86_400_000].entries()) {
        const { id } = await pipeline.receive({
          raw: full(i),
          source: 'smtp',
          mailFrom: '',
          rcptTo: [verpOf('yoon@daum.example')],
          receivedAt: at,
        });
        await pipeline.process(id);
      }
      expect((await statuses(test.database))['yoon@daum.example']).toBe('active');
      const { id } = await pipeline.receive({
        raw: full(9),
        source: 'smtp',
        mailFrom: '',
        rcptTo: [verpOf('yoon@daum.example')],
        receivedAt: late + 2 * 86_400_000,
      });
      const outcome = await pipeline.process(id);
      expect(outcome?.events[0]?.effect).toBe('bounced');
      expect((await statuses(test.database))['yoon@daum.example']).toBe('bounced');
    },
  );

  it.skipIf(!dialect.available)(
    'after a crash, stored mail is finished on start; one that keeps failing is passed, not looped on',
    async () => {
      const store = createInboundStore(test.database.db);
      const failing = createInboundPipeline({
        store,
        subscribers: {
          markBounced: () => Promise.reject(new Error('disk full')),
          markComplained: async () => false,
        },
        settings: inboundSettings(inboundConfig()),
        log: () => {},
      });
      const raw = Buffer.from(
        'From: MAILER-DAEMON@mx.example\r\nMessage-ID: <pending-1@mx.example>\r\nSubject: Undelivered Mail\r\n\r\n<lim@example.co.kr>: 550 5.1.1 User unknown\r\n',
      );
      const first = await failing.receive({
        raw,
        source: 'smtp',
        mailFrom: '',
        rcptTo: [verpOf('lim@example.co.kr')],
      });
      expect(await failing.processPending()).toEqual([]);
      expect((await store.load(first.id))?.status).toBe('received');
      // The next start, with a working store, finishes it.
      const outcomes = await pipelineFor(test.database).processPending();
      expect(outcomes.map((o) => o.id)).toEqual([first.id]);
      expect((await statuses(test.database))['lim@example.co.kr']).toBe('bounced');
    },
  );

  it.skipIf(!dialect.available)(
    'a report naming nobody of ours changes nothing and is kept unmatched',
    async () => {
      const pipeline = pipelineFor(test.database);
      const raw = Buffer.from(
        'From: MAILER-DAEMON@mx.example\r\nMessage-ID: <stranger@mx.example>\r\nSubject: Undelivered Mail\r\n\r\n<stranger@else.example>: 550 5.1.1 User unknown\r\n',
      );
      const { id } = await pipeline.receive({
        raw,
        source: 'smtp',
        mailFrom: '',
        rcptTo: ['bounce+stranger=else.example@bounces.news.example'],
      });
      const outcome = await pipeline.process(id);
      expect(outcome?.events).toEqual([
        { kind: 'hard-bounce', recipient: 'stranger@else.example', effect: 'unmatched', edition: undefined },
      ]);
    },
  );
});
