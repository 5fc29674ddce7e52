import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { CORPUS, corpusMail, verpOf } from '../fixtures/inbound/corpus.ts';
import { expectedStatus, seedCorpus, statuses } from './inbound-fixture.ts';
import { deliver, inboundWorkspace, startInbound, waitFor } from './inbound-harness.ts';
import type { InboundWorkspace, RunningInbound } from './inbound-harness.ts';

describe.each(DIALECTS)('gazette inbound over SMTP on $name', (dialect) => {
  let test: TestDatabase;
  let workspace: InboundWorkspace;
  let inbound: RunningInbound;
  const stored = async () =>
    Number(
      (
        await test.database.db
          .selectFrom('inbound_messages')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const unprocessed = async () =>
    (
      await test.database.db
        .selectFrom('inbound_messages')
        .select('id')
        .where('status', '=', 'received')
        .execute()
    ).length;

  beforeAll(async () => {
    if (!dialect.available) return;
    test = await dialect.create();
    await seedCorpus(test.database);
    workspace = inboundWorkspace(test, { maxBytes: 1024 * 1024 });
    inbound = await startInbound(workspace);
  }, 60_000);
  afterAll(async () => {
    await inbound?.stop();
    workspace?.cleanup();
    await test?.cleanup();
  });

  it.skipIf(!dialect.available)(
    'the corpus, delivered by a real SMTP client, is stored, understood and applied',
    async () => {
      for (const entry of CORPUS) {
        const from = entry.kind === 'auto-reply' ? (entry.recipient ?? '') : '';
        const response = await deliver(
          inbound.port,
          corpusMail(entry.file),
          [verpOf(entry.recipient ?? 'nobody@nowhere.example')],
          from,
        );
        expect(response).toMatch(/^250 /);
      }
      await waitFor(async () => ((await unprocessed()) === 0 ? true : undefined), 20_000);
      expect(await stored()).toBe(CORPUS.length);
      const now = await statuses(test.database);
      for (const [email, status] of Object.entries(now)) expect(status, email).toBe(expectedStatus(email));
      const bounce = await test.database.db
        .selectFrom('inbound_messages')
        .select(['mail_from', 'rcpt_to', 'sha256', 'received_at'])
        .where('source', '=', 'smtp')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      expect(bounce.mail_from).toBe('');
      expect(JSON.parse(bounce.rcpt_to)).toEqual([verpOf('kim.minji@example.net')]);
      expect(bounce.sha256).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it.skipIf(!dialect.available)('refuses relaying at RCPT TO with 550 5.7.1 and stores nothing', async () => {
    const before = await stored();
    const attempt = deliver(
      inbound.port,
      Buffer.from('Subject: relay?\r\n\r\nhi\r\n'),
      ['victim@elsewhere.example'],
      'spammer@bad.example',
    );
    await expect(attempt).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringContaining('5.7.1'),
    });
    const mixed = deliver(
      inbound.port,
      Buffer.from('Subject: relay?\r\n\r\nhi\r\n'),
      ['x@bounces.news.example.evil.example'],
      '',
    );
    await expect(mixed).rejects.toMatchObject({ responseCode: 550 });
    expect(await stored()).toBe(before);
  });

  it.skipIf(!dialect.available)(
    'a 20 MB message is refused by the size limit (552) and nothing is stored',
    async () => {
      const before = await stored();
      const big = Buffer.concat([
        Buffer.from('From: a@b.example\r\nSubject: big\r\n\r\n'),
        Buffer.alloc(20 * 1024 * 1024, 'x\r\n'),
      ]);
      await expect(deliver(inbound.port, big, [verpOf('kim.minji@example.net')])).rejects.toMatchObject({
        responseCode: 552,
      });
      expect(await stored()).toBe(before);
    },
  );

  it.skipIf(!dialect.available)(
    'malformed MIME is accepted, kept raw and listed as unrecognised',
    async () => {
      const rows = await test.database.db
        .selectFrom('inbound_messages')
        .select(['status', 'raw'])
        .where('status', '=', 'unrecognised')
        .execute();
      expect(rows.map((r) => Buffer.from(r.raw).includes(Buffer.from('never-appears')))).toContain(true);
    },
  );

  it.skipIf(!dialect.available)(
    'SIGKILL after storing and before 250: the retry is recognised and counted once',
    async () => {
      await inbound.stop();
      const raw = Buffer.from(
        [
          'From: MAILER-DAEMON@mx.example',
          'Message-ID: <crash-retry-1@mx.example>',
          'Subject: Undelivered Mail Returned to Sender',
          '',
          '<song@example.net>: 550 5.1.1 User unknown',
          '',
        ].join('\r\n'),
      );
      const before = await stored();
      const held = await startInbound(workspace, ['--hold-reply', '20000']);
      const attempt = deliver(held.port, raw, [verpOf('song@example.net')]);
      await waitFor(async () => ((await stored()) > before ? true : undefined), 15_000);
      held.child.kill('SIGKILL');
      await expect(attempt).rejects.toThrow();
      await held.child.exited(10_000);
      // The sending server retries later; a new process finishes what the killed one stored.
      inbound = await startInbound(workspace);
      const response = await deliver(inbound.port, raw, [verpOf('song@example.net')]);
      expect(response).toMatch(/^250 .*Already received/);
      await waitFor(async () => ((await unprocessed()) === 0 ? true : undefined), 15_000);
      expect(await stored()).toBe(before + 1);
      const events = await test.database.db
        .selectFrom('inbound_events')
        .select(['effect'])
        .where('recipient', '=', 'song@example.net')
        .where('kind', '=', 'hard-bounce')
        .execute();
      expect(events).toEqual([{ effect: 'bounced' }]);
      expect((await statuses(test.database))['song@example.net']).toBe('bounced');
    },
    60_000,
  );
});
