import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { runSend } from '../../src/send/run-send.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { verifyToken } from '../../src/subscribers/tokens.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { ReceivedMail, SmtpSink } from '../helpers/smtp-sink.ts';
import { DATE, SECRET, subscriber } from './send-fixture.ts';
import { createSendHarness } from './send-harness.ts';
import type { SendHarness } from './send-harness.ts';

/** Addresses the sink treats specially: 451 once then accept, 550 5.1.1, 554 5.7.1. */
const seen451 = new Set<string>();
const to = (mail: ReceivedMail) => mail.envelope.to[0] ?? '';
const countFor = (sink: SmtpSink, email: string) => sink.received.filter((m) => to(m) === email).length;

describe.each(DIALECTS)('send on $name', (dialect) => {
  let sink: SmtpSink;
  let harness: SendHarness;
  beforeAll(async () => {
    sink = await startSmtpSink({
      onRecipient: (address) => {
        if (address.startsWith('later') && !seen451.has(`${dialect.name}:${address}`)) {
          seen451.add(`${dialect.name}:${address}`);
          return { code: 451, message: '4.3.0 Mailbox busy, try again later' };
        }
        if (address.startsWith('gone')) return { code: 550, message: '5.1.1 No such mailbox' };
        if (address.startsWith('policy')) return { code: 554, message: '5.7.1 Rejected by policy' };
        return undefined;
      },
    });
  });
  afterAll(() => sink.close());
  afterEach(async () => {
    await harness.cleanup();
    sink.received.length = 0;
  });

  describe.skipIf(!dialect.available)('', () => {
    it('gives every subscriber exactly one message in their locale with their topics only, and headers per RFC 2369/2919/8058', async () => {
      harness = await createSendHarness(dialect, sink.url);
      const readers = [
        subscriber('ko-all@example.com', 'ko'),
        subscriber('ko-tech@example.com', 'ko', ['tech']),
        subscriber('en-all@example.com', 'en', [], { name: 'Emma' }),
        subscriber('en-biz@example.com', 'en', ['business']),
        subscriber('bi-policy@example.com', 'bilingual', ['policy', 'tech']),
        subscriber('other-list@example.com', 'en', [], { lists: ['weekly'] }),
        subscriber('pending@example.com', 'en', [], { confirmed: false }),
      ];
      await harness.store.importBatch(readers);
      const summary = await harness.send();
      expect(summary).toMatchObject({ sent: 5, failed: 0, deferred: 0, skipped: 0 });
      expect(sink.received.map(to).sort()).toEqual([
        'bi-policy@example.com',
        'en-all@example.com',
        'en-biz@example.com',
        'ko-all@example.com',
        'ko-tech@example.com',
      ]);
      const byTo = new Map(sink.received.map((m) => [to(m), m]));
      const html = (email: string) => String(byTo.get(email)?.parsed.html);
      expect(html('ko-all@example.com')).toMatch(/<html[^>]*\slang="ko"/);
      expect(html('en-all@example.com')).toMatch(/<html[^>]*\slang="en"/);
      expect(html('en-all@example.com')).toContain('Emma');
      // Topics: only the chosen categories' items.
      expect(html('ko-tech@example.com')).toContain('news.example/tech_1');
      expect(html('ko-tech@example.com')).not.toContain('news.example/biz_1');
      expect(html('en-biz@example.com')).toContain('news.example/biz_1');
      expect(html('en-biz@example.com')).not.toContain('news.example/tech_1');
      expect(html('bi-policy@example.com')).toContain('news.example/policy_1');
      expect(html('bi-policy@example.com')).not.toContain('news.example/biz_1');
      expect(html('ko-all@example.com')).toContain('news.example/biz_1');

      const tokens = new Set<string>();
      const messageIds = new Set<string>();
      for (const mail of sink.received) {
        const raw = mail.raw.toString('utf8');
        const header = mail.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
        expect(raw.match(/^List-Unsubscribe:/gim)).toHaveLength(1);
        expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
        expect(raw).toMatch(/^List-Id: "?Daily Briefing"? <daily\.gazette\.example>\r?$/im);
        expect(raw).toMatch(/^Content-Type: multipart\/alternative/im);
        const token = /<https:\/\/news\.example\/unsubscribe\/([A-Za-z0-9_.-]+)>/.exec(header)?.[1] ?? '';
        expect(header).toContain('<mailto:unsubscribe@gazette.example>');
        const uid = (await harness.store.findByEmail(to(mail)))?.uid;
        expect(verifyToken(SECRET, token, 'manage').subject).toBe(uid);
        // The visible link in the body carries the same token.
        expect(String(mail.parsed.html)).toContain(`https://news.example/unsubscribe/${token}`);
        tokens.add(token);
        expect(mail.parsed.from?.value[0]?.address).toBe('digest@gazette.example');
        expect(mail.parsed.replyTo?.value[0]?.address).toBe('editors@gazette.example');
        expect(mail.parsed.text).toBeTruthy();
        expect(mail.parsed.subject).toContain(
          mail.parsed.subject?.includes('Gazette') ? 'Gazette' : '가제트',
        );
        messageIds.add(mail.parsed.messageId ?? '');
      }
      expect(tokens.size).toBe(5);
      expect(messageIds.size).toBe(5);
      expect(
        [...messageIds].every((id) => /^<2026-11-23\.daily\.[0-9a-f]{24}@gazette\.example>$/.test(id)),
      ).toBe(true);

      const again = await harness.send();
      expect(again).toMatchObject({ sent: 0, failed: 0, skipped: 0 });
      expect(again.lists[0]?.plan.added).toBe(0);
      expect(sink.received).toHaveLength(5);
    });

    it('retries a 451 within the run, fails a 550 without retrying and marks the mailbox bounced', async () => {
      harness = await createSendHarness(dialect, sink.url);
      await harness.store.importBatch([
        subscriber('later@example.com', 'en'),
        subscriber('gone@example.com', 'en'),
        subscriber('fine@example.com', 'ko'),
      ]);
      const attempts = { gone: 0 };
      const summary = await harness.send({
        onEvent: (_list, event) => {
          if ('email' in event && event.email === 'gone@example.com') attempts.gone++;
        },
      });
      expect(summary).toMatchObject({ sent: 2, failed: 1, deferred: 0 });
      expect(countFor(sink, 'later@example.com')).toBe(1);
      expect(countFor(sink, 'gone@example.com')).toBe(0);
      expect(attempts.gone).toBe(1);
      expect((await harness.store.findByEmail('gone@example.com'))?.status).toBe('bounced');
      const row = await harness.test.database.db
        .selectFrom('deliveries')
        .selectAll()
        .where('email', '=', 'gone@example.com')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'failed', attempts: 1, error_code: 'SMTP_PERMANENT' });
      expect(row.response).toContain('5.1.1');
      const later = await harness.test.database.db
        .selectFrom('deliveries')
        .select(['status', 'attempts'])
        .where('email', '=', 'later@example.com')
        .executeTakeFirstOrThrow();
      expect(later).toEqual({ status: 'sent', attempts: 2 });
      // The failed row is final: a re-run does not try it again.
      const again = await harness.send();
      expect(again).toMatchObject({ sent: 0, failed: 0 });
    });

    it('skips whoever left between planning and sending: unsubscribed, off the list, bounced, erased', async () => {
      harness = await createSendHarness(dialect, sink.url);
      await harness.store.importBatch(
        ['stays', 'leaves', 'moves', 'bounces', 'forgotten'].map((name) =>
          subscriber(`${name}@example.com`, 'en'),
        ),
      );
      expect((await harness.plan()).added).toBe(5);
      const find = async (name: string) => (await harness.store.findByEmail(`${name}@example.com`))!;
      await harness.store.unsubscribe((await find('leaves')).uid, 'test');
      const moves = await find('moves');
      await harness.store.updatePreferences(moves.uid, { ...moves, lists: ['weekly'] });
      await harness.store.markBounced((await find('bounces')).id);
      await harness.store.forget('forgotten@example.com');
      const summary = await harness.send();
      expect(summary).toMatchObject({ sent: 1, skipped: 4 });
      expect(sink.received.map(to)).toEqual(['stays@example.com']);
      expect((await harness.ledger.counts({ edition: DATE, listId: 'daily' })).skipped).toBe(4);
    });

    it('skips a subscriber who withdrew ad consent between planning and sending an advertising edition', async () => {
      harness = await createSendHarness(dialect, sink.url, {}, { sponsored: true });
      await harness.store.importBatch([
        subscriber('keeps-ads@example.com', 'ko', [], { adConsent: true }),
        subscriber('withdraws@example.com', 'en', [], { adConsent: true }),
      ]);
      expect((await harness.plan()).added).toBe(2);
      const withdraws = (await harness.store.findByEmail('withdraws@example.com'))!;
      await harness.store.updatePreferences(withdraws.uid, { ...withdraws, adConsent: false });
      const summary = await harness.send();
      expect(summary).toMatchObject({ advertising: true, sent: 1, skipped: 1 });
      expect(sink.received.map(to)).toEqual(['keeps-ads@example.com']);
    });

    it('marks an advertising edition (광고) and sends it only to subscribers with ad consent', async () => {
      harness = await createSendHarness(dialect, sink.url, {}, { sponsored: true });
      await harness.store.importBatch([
        subscriber('ads-ok@example.com', 'ko', [], { adConsent: true }),
        subscriber('no-ads@example.com', 'en'),
      ]);
      const summary = await harness.send();
      expect(summary.advertising).toBe(true);
      expect(summary.lists[0]?.plan.noAdConsent).toBe(1);
      expect(sink.received.map(to)).toEqual(['ads-ok@example.com']);
      expect(sink.received[0]?.parsed.subject).toMatch(/^\(광고\) /);
    });

    it('pauses on a 5.7.x policy rejection and says why; the rest stays open for the next run', async () => {
      harness = await createSendHarness(dialect, sink.url, { concurrency: 1 });
      await harness.store.importBatch([
        subscriber('policy@example.com', 'en'),
        ...Array.from({ length: 5 }, (_, i) => subscriber(`after${i}@example.com`, 'en')),
      ]);
      const summary = await harness.send();
      expect(summary.paused).toContain('5.7.1');
      expect(summary.sent).toBeLessThan(5);
      const counts = await harness.ledger.counts({ edition: DATE, listId: 'daily' });
      expect(counts.deferred).toBe(1);
      expect(counts.pending).toBe(5 - summary.sent);
      expect(counts.claimed).toBe(0);
    });

    it('never double-sends when two runs of the same edition go at once', async () => {
      harness = await createSendHarness(dialect, sink.url, { concurrency: 3 });
      const emails = Array.from({ length: 40 }, (_, i) => `reader${i}@example.com`);
      await harness.store.importBatch(emails.map((email, i) => subscriber(email, i % 2 ? 'ko' : 'en')));
      // The second run has its own connection (pool) to the same data, like a second process.
      const other = createDatabase(harness.test.url, { schema: harness.test.schema });
      const mailer = createSmtpMailer({ url: sink.url });
      try {
        const results = await Promise.all([
          harness.send(),
          runSend(
            {
              ledger: createLedger(other),
              source: createKyselyStore(other.db),
              mailer,
              renderer: createDigestRenderer(harness.fixture.config),
              tokenFor: (s) => manageToken(SECRET, s),
            },
            { config: harness.fixture.config, editionFor: harness.editionFor, date: DATE },
          ),
        ]);
        // How the 40 are shared depends on timing (one run may claim them all before the other
        // has resolved the frozen edition; sharing is tested in send-leases): each once, in all.
        expect(results[0].sent + results[1].sent).toBe(40);
        expect(results[0].lost + results[1].lost).toBe(0);
        expect(sink.received.map(to).sort()).toEqual([...emails].sort());
      } finally {
        await mailer.close();
        await other.close();
      }
    });
  });
});
