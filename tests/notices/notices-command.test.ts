import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { createNoticeLedger } from '../../src/notices/notice-ledger.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { cliWorkspace, CLI_SECRET } from '../cli/cli-harness.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';

/** 09:00 in Seoul on the day a consent of 2024-12-04 turns two. */
const ANNIVERSARY = '2026-12-04T09:00:00+09:00';

describe.each(DIALECTS)('gazette notices on $name', (dialect) => {
  let sink: SmtpSink;
  let test: TestDatabase;
  let cli: ReturnType<typeof cliWorkspace>;
  let refuse: Map<string, { code: number; message: string }>;
  beforeAll(async () => {
    refuse = new Map();
    sink = await startSmtpSink({ onRecipient: (address) => refuse.get(address) });
  });
  afterAll(() => sink.close());
  afterEach(async () => {
    cli?.cleanup();
    await test?.cleanup();
    sink.received.length = 0;
    refuse.clear();
  });
  const setUp = async () => {
    test = await dialect.create();
    cli = cliWorkspace(test, { SMTP_URL: sink.url });
  };
  const store = () => createKyselyStore(test.database.db, { secret: CLI_SECRET });
  const importCsv = async (csv: string, ...flags: string[]) => {
    const file = cli.file('list.csv');
    writeFileSync(file, csv);
    return cli.run(['subscribers', 'import', file, ...flags]);
  };
  const recipients = () => sink.received.map((mail) => mail.envelope.to[0]).sort();
  const notices = () => test.database.db.selectFrom('consent_notices').selectAll().orderBy('id').execute();

  describe.skipIf(!dialect.available)('', () => {
    it('tells a reader whose ad consent turns two today, once; the withdrawn, unsubscribed, bounced and complained get none', async () => {
      await setUp();
      const imported = await importCsv(
        [
          'email,name,locale,lists,ad_consent,consented_at',
          'due@example.com,김하늘,ko,daily,yes,2024-12-04',
          'withdrawn@example.com,,en,daily,yes,2024-12-04',
          'left@example.com,,en,daily,yes,2024-12-04',
          'bounced@example.com,,en,daily,yes,2024-12-04',
          'complained@example.com,,en,daily,yes,2024-12-04',
          'young@example.com,,bilingual,daily,yes,2025-12-04',
          'noad@example.com,,ko,daily,no,2024-12-04',
        ].join('\n'),
        '--confirmed',
      );
      expect(imported.code, imported.err).toBe(0);
      const s = store();
      const find = async (email: string) => (await s.findByEmail(email))!;
      const withdrawn = await find('withdrawn@example.com');
      await s.updatePreferences(withdrawn.uid, {
        locale: 'en',
        categories: [],
        lists: ['daily'],
        adConsent: false,
      });
      await s.unsubscribe((await find('left@example.com')).uid, 'cli');
      await s.markBounced((await find('bounced@example.com')).id);
      await s.markComplained((await find('complained@example.com')).id);

      const dry = await cli.run(['notices', '--dry-run', '--now', ANNIVERSARY]);
      expect(dry.code, dry.err).toBe(0);
      expect(dry.out).toMatch(
        /1 consent notice due \(1 reader for year 2\), 0 already sent, 1 would be sent/,
      );
      expect(sink.received).toHaveLength(0);
      expect(await notices()).toHaveLength(0);

      const first = await cli.run(['notices', '--now', ANNIVERSARY]);
      expect(first.code, first.err).toBe(0);
      expect(recipients()).toEqual(['due@example.com']);
      const mail = sink.received[0]!;
      expect(mail.parsed.subject).toBe('가제트 데일리 광고성 정보 수신 동의 확인 안내');
      expect(mail.parsed.messageId).toMatch(/^<consent-notice\.1\.[0-9a-f]{24}@gazette\.example>$/);
      expect(mail.raw.toString()).toMatch(
        /^List-Unsubscribe:\s*<https:\/\/news\.example\/unsubscribe\/[^>]+>/m,
      );
      const { document } = parseHTML(String(mail.parsed.html));
      expect(document.documentElement.getAttribute('lang')).toBe('ko');
      expect(mail.parsed.text).toContain('동의한 날짜: 2024년 12월 4일');
      expect(mail.parsed.text).toContain('데일리를 통해 이메일로 보내는 광고성 정보');
      expect(mail.parsed.text).toContain('김하늘님, 안녕하세요.');
      const rows = await notices();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'sent', period: 1, due_on: '2026-12-04' });
      expect(Number(rows[0]!.sent_at)).toBeGreaterThan(0);
      expect(rows[0]!.response).not.toContain('due@example.com');

      const again = await cli.run(['notices', '--now', ANNIVERSARY]);
      expect(again.code, again.err).toBe(0);
      expect(again.out).toMatch(/1 due, 0 sent now, 1 sent before/);
      expect(sink.received).toHaveLength(1);
      // Two years on, the next period is owed once more; the younger consent's first (due 2027-12-04, sent late) too.
      const later = await cli.run(['notices', '--now', '2028-12-04T09:00:00+09:00']);
      expect(later.code, later.err).toBe(0);
      expect(recipients()).toEqual(['due@example.com', 'due@example.com', 'young@example.com']);
      expect((await notices()).map((row) => row.period).sort()).toEqual([1, 1, 2]);
    });

    it('skips a reader who withdrew ad consent after the notice was planned', async () => {
      await setUp();
      await importCsv('email,ad_consent,consented_at\nlate@example.com,yes,2024-12-04\n', '--confirmed');
      const s = store();
      const reader = (await s.findByEmail('late@example.com'))!;
      const consentedAt = (await s.consents(reader.id))[0]!.confirmedAt!;
      // Planned by a run that died before sending, then the reader withdrew.
      await createNoticeLedger(test.database).plan([
        {
          subscriber_id: String(reader.id),
          subscriber_ref: reader.uid,
          consented_at: consentedAt,
          period: 1,
          due_on: '2026-12-04',
        },
      ]);
      await s.updatePreferences(reader.uid, {
        locale: reader.locale,
        categories: [],
        lists: reader.lists,
        adConsent: false,
      });
      const run = await cli.run(['notices', '--now', ANNIVERSARY]);
      expect(run.code, run.err).toBe(0);
      expect(sink.received).toHaveLength(0);
      expect(await notices()).toMatchObject([{ status: 'skipped', response: 'ad consent withdrawn' }]);
      // Switched back on within the period (same consent date): the notice is owed after all, once.
      await s.updatePreferences(reader.uid, {
        locale: reader.locale,
        categories: [],
        lists: reader.lists,
        adConsent: true,
      });
      expect((await cli.run(['notices', '--now', ANNIVERSARY])).code).toBe(0);
      expect(recipients()).toEqual(['late@example.com']);
      expect(await notices()).toMatchObject([{ status: 'sent' }]);
      expect((await cli.run(['notices', '--now', ANNIVERSARY])).code).toBe(0);
      expect(sink.received).toHaveLength(1);
    });

    it('follows the imported consent date (Korean headers), recorded with source import', async () => {
      await setUp();
      const imported = await importCsv(
        [
          '이메일,이름,언어,광고동의,동의일',
          'kr@example.com,박,ko,예,2024-06-15',
          'en@example.com,,en,아니오,2024-06-15',
        ].join('\n'),
        '--confirmed',
      );
      expect(imported.code, imported.err).toBe(0);
      expect(imported.err).toMatch(/ad_consent=광고동의, consented_at=동의일/);
      const s = store();
      const kr = (await s.findByEmail('kr@example.com'))!;
      expect(kr.adConsent).toBe(true);
      expect((await s.findByEmail('en@example.com'))!.adConsent).toBe(false);
      // Midnight in the newsletter's zone (Asia/Seoul by default) on the original day.
      expect(await s.consents(kr.id)).toMatchObject([
        {
          source: 'import',
          adConsent: true,
          createdAt: '2024-06-14T15:00:00.000Z',
          confirmedAt: '2024-06-14T15:00:00.000Z',
        },
      ]);
      const exported = await cli.run(['subscribers', 'export']);
      expect(exported.out).toMatch(
        /^kr@example\.com,박,ko,,daily,active,[^,]+,yes,2024-06-14T15:00:00\.000Z,$/m,
      );
      expect(exported.out).toMatch(
        /^en@example\.com,,en,,daily,active,[^,]+,no,2024-06-14T15:00:00\.000Z,$/m,
      );

      // The window opens 30 days before 2026-06-15: nothing on 15 May, the notice on 16 May.
      expect((await cli.run(['notices', '--now', '2026-05-15T23:00:00+09:00'])).code).toBe(0);
      expect(sink.received).toHaveLength(0);
      expect((await cli.run(['notices', '--now', '2026-05-16T08:00:00+09:00'])).code).toBe(0);
      expect(recipients()).toEqual(['kr@example.com']);
      expect(sink.received[0]!.parsed.text).toContain('2024년 6월 15일');
      // The exported file imports again into a fresh database with the same history.
      const copy = cli.file('export.csv');
      writeFileSync(copy, exported.out);
      await test.database.db.deleteFrom('consents').execute();
      await test.database.db.deleteFrom('subscribers').execute();
      expect((await cli.run(['subscribers', 'import', copy, '--confirmed'])).code).toBe(0);
      const back = (await s.findByEmail('kr@example.com'))!;
      expect((await s.consents(back.id))[0]).toMatchObject({
        adConsent: true,
        confirmedAt: '2024-06-14T15:00:00.000Z',
      });
    });

    it('refuses an ad consent or a consent date without --confirmed, naming the rows', async () => {
      await setUp();
      const run = await importCsv(
        [
          'email,ad_consent,consented_at',
          'a@example.com,yes,',
          'b@example.com,no,',
          'c@example.com,,2024-01-02',
          'd@example.com,maybe,',
        ].join('\n'),
      );
      expect(run.code).toBe(1);
      expect(run.err).toMatch(
        /list\.csv:2: skipped: ad_consent: a consent given elsewhere is taken only with --confirmed/,
      );
      expect(run.err).toMatch(
        /list\.csv:4: skipped: consented_at: a consent given elsewhere is taken only with --confirmed/,
      );
      expect(run.err).toMatch(/list\.csv:5: skipped: ad_consent "maybe" is not yes or no/);
      expect(run.err).not.toMatch(/list\.csv:3:/);
      const added = await cli.run(['subscribers', 'add', 'e@example.com', '--ad-consent']);
      expect(added.code).not.toBe(0);
      expect(added.err).toMatch(/--ad-consent: a consent given elsewhere is taken only with --confirmed/);
      expect(await store().findByEmail('e@example.com')).toBeUndefined();
      const future = await cli.run([
        'subscribers',
        'add',
        'f@example.com',
        '--confirmed',
        '--consented-at',
        '2999-01-01',
      ]);
      expect(future.err).toMatch(/consented_at 2999-01-01 is in the future/);
    });

    it('`add --ad-consent --consented-at` sets the date the notice follows', async () => {
      await setUp();
      const added = await cli.run([
        'subscribers',
        'add',
        'cli@example.com',
        '--locale',
        'en',
        '--confirmed',
        '--ad-consent',
        '--consented-at',
        '2024-12-04',
      ]);
      expect(added.code, added.err).toBe(0);
      expect((await cli.run(['notices', '--now', '2026-11-03T12:00:00+09:00'])).code).toBe(0);
      expect(sink.received).toHaveLength(0);
      expect((await cli.run(['notices', '--now', ANNIVERSARY])).code).toBe(0);
      expect(recipients()).toEqual(['cli@example.com']);
      const mail = sink.received[0]!;
      expect(mail.parsed.subject).toBe('Gazette Daily: your consent to advertising email');
      expect(parseHTML(String(mail.parsed.html)).document.documentElement.getAttribute('lang')).toBe('en');
      expect(mail.parsed.text).toContain('Consented on: 4 December 2024');
    });

    it('a 550 5.1.1 fails the notice and marks the reader bounced; a 451 defers it for a later run', async () => {
      await setUp();
      await importCsv(
        [
          'email,ad_consent,consented_at',
          'gone@example.com,yes,2024-12-04',
          'busy@example.com,yes,2024-12-04',
        ].join('\n'),
        '--confirmed',
      );
      refuse.set('gone@example.com', { code: 550, message: '5.1.1 no such user' });
      refuse.set('busy@example.com', { code: 451, message: '4.3.0 try later' });
      const run = await cli.run(['notices', '--now', ANNIVERSARY]);
      expect(run.code).toBe(2);
      expect(run.err).not.toContain('gone@example.com');
      expect((await store().findByEmail('gone@example.com'))?.status).toBe('bounced');
      expect((await notices()).map((row) => [row.status, row.error_code])).toEqual([
        ['failed', 'SMTP_PERMANENT'],
        ['deferred', 'SMTP_TRANSIENT'],
      ]);
      // The deferred notice waits for its retry time; the failed one is never tried again.
      refuse.clear();
      const soon = await cli.run(['notices', '--now', ANNIVERSARY]);
      expect(sink.received).toHaveLength(0);
      expect(soon.code).toBe(2);
      await test.database.db
        .updateTable('consent_notices')
        .set({ next_attempt_at: 0 })
        .where('status', '=', 'deferred')
        .execute();
      expect((await cli.run(['notices', '--now', ANNIVERSARY])).code).toBe(0);
      expect(recipients()).toEqual(['busy@example.com']);
    });
  });
});
