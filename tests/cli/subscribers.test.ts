import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { cliWorkspace } from './cli-harness.ts';

describe.each(DIALECTS)('gazette subscribers on $name', (dialect) => {
  let database: TestDatabase;
  let cli: ReturnType<typeof cliWorkspace>;
  let sink: SmtpSink;
  beforeAll(async () => {
    if (!dialect.available) return;
    database = await dialect.create();
    sink = await startSmtpSink();
    cli = cliWorkspace(database);
  });
  afterAll(async () => {
    if (!dialect.available) return;
    cli.cleanup();
    await sink.close();
    await database.cleanup();
  });

  describe.skipIf(!dialect.available)('commands', () => {
    it('adds a confirmed subscriber and counts it', async () => {
      const added = await cli.run([
        'subscribers',
        'add',
        'Kim@Example.com',
        '--name',
        '김',
        '--locale',
        'ko',
        '--categories',
        'tech,policy',
        '--confirmed',
      ]);
      expect(added).toMatchObject({ code: 0, err: '' });
      expect(added.out).toBe('Kim@example.com added (active).\n');
      expect((await cli.run(['subscribers', 'count'])).out).toBe('1\n');
      expect((await cli.run(['subscribers', 'add', 'kim@example.com', '--confirmed'])).out).toMatch(
        /already active; nothing changed/,
      );
    });

    it('sends a confirmation mail without --confirmed and says where it went', async () => {
      const added = await cli.run(
        ['subscribers', 'add', 'pending@example.com', '--locale', 'en', '--list', 'weekly'],
        { SMTP_URL: sink.url },
      );
      expect(added.code).toBe(0);
      expect(added.out).toBe(
        `pending@example.com added (pending). Confirmation mail sent via smtp://127.0.0.1:${sink.port}.\n`,
      );
      expect(sink.received.at(-1)?.envelope.to).toEqual(['pending@example.com']);
      expect(sink.received.at(-1)?.parsed.text).toMatch(/https:\/\/news\.example\/confirm\/[A-Za-z0-9_.-]+/);
      const outbox = await cli.run(['subscribers', 'add', 'outbox@example.com']);
      const folder = path.join(cli.dir, 'outbox', 'transactional');
      expect(outbox.out).toBe(
        `outbox@example.com added (pending). Confirmation mail written to ${folder}.\n`,
      );
      const files = readdirSync(folder).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(1);
      expect(readFileSync(path.join(folder, files[0] ?? ''), 'utf8')).toMatch(/^To: outbox@example\.com/m);
    });

    it('sends no confirmation over SMTP whose link would point to localhost', async () => {
      const before = sink.received.length;
      const refused = await cli.run(['subscribers', 'add', 'early@example.com'], {
        SMTP_URL: sink.url,
        GAZETTE_PUBLIC_URL: 'http://127.0.0.1:8080',
      });
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(
        /GAZETTE_PUBLIC_URL is http:\/\/127\.0\.0\.1:8080, an address on this machine/,
      );
      expect(sink.received).toHaveLength(before);
      expect((await cli.run(['subscribers', 'list'])).out).not.toContain('early@example.com');
    });

    it('refuses bad flags with the valid values', async () => {
      const locale = await cli.run(['subscribers', 'add', 'x@example.com', '--locale', 'jp']);
      expect(locale.code).toBe(2);
      expect(locale.err).toMatch(/--locale "jp" is not valid\. Use one of: ko, en, bilingual/);
      const category = await cli.run(['subscribers', 'add', 'x@example.com', '--categories', 'sports']);
      expect(category.err).toMatch(/Unknown category sports\. Configured: tech, policy/);
      const email = await cli.run(['subscribers', 'add', 'x@example.com\r\nBcc: y@example.com']);
      expect(email).toMatchObject({ code: 1 });
      expect(email.err).toMatch(/line break/);
      expect((await cli.run(['subscribers', 'count', '--status', 'gone'])).err).toMatch(
        /Use one of: pending, active/,
      );
    });

    it('imports a CSV: reports bad rows by line, merges case duplicates, prints a summary', async () => {
      const csv = [
        'email,name,locale,categories',
        'lee@example.com,Lee,en,tech',
        'not-an-address,Bad,en,',
        'LEE@example.com,Lee Again,bilingual,tech;policy',
        'park@example.com,"Park, J.",ko,',
        'choi@example.com,Choi,fr,',
        'han@example.com,Han,en,sports',
        '',
        'kim@EXAMPLE.com,,ko,policy',
      ].join('\n');
      writeFileSync(cli.file('people.csv'), csv);
      const result = await cli.run(['subscribers', 'import', cli.file('people.csv'), '--confirmed']);
      expect(result.code).toBe(1);
      expect(result.err).toContain('people.csv:3: skipped: Invalid email address: it has no "@".');
      expect(result.err).toContain('people.csv:6: skipped: locale "fr" is not one of ko, en, bilingual.');
      expect(result.err).toContain('people.csv:7: skipped: category "sports" is not configured');
      expect(result.out).toBe(
        '7 rows: 2 added, 2 merged into existing, 0 suppressed (forgotten), 3 skipped as invalid.\n',
      );
      const exported = await cli.run(['subscribers', 'export', '--format', 'json']);
      expect(exported.code).toBe(0);
      const people = JSON.parse(exported.out) as {
        email: string;
        name: string | null;
        locale: string;
        categories: string[];
        lists: string[];
        status: string;
      }[];
      expect(people.find((p) => p.email === 'lee@example.com')).toMatchObject({
        name: 'Lee Again',
        locale: 'bilingual',
        categories: ['policy', 'tech'],
        lists: ['daily'],
        status: 'active',
      });
      expect(people.find((p) => p.email === 'park@example.com')?.name).toBe('Park, J.');
      // Kim was already there (with a name): the row without one keeps it.
      expect(people.find((p) => p.email === 'Kim@example.com')).toMatchObject({
        name: '김',
        categories: ['policy'],
      });
    });

    it('exports CSV, lists and counts by status', async () => {
      const csv = await cli.run(['subscribers', 'export']);
      const lines = csv.out.trim().split('\n');
      expect(lines[0]).toBe(
        'email,name,locale,categories,lists,status,created_at,ad_consent,consented_at,time_zone',
      );
      expect(lines).toContainEqual(expect.stringMatching(/^park@example\.com,"Park, J\.",ko,,daily,active,/));
      expect(lines).toHaveLength(1 + 5);
      const pending = await cli.run(['subscribers', 'list', '--status', 'pending']);
      expect(
        pending.out
          .trim()
          .split('\n')
          .map((l) => l.split('\t')[0]),
      ).toEqual(['email', 'pending@example.com', 'outbox@example.com']);
      expect((await cli.run(['subscribers', 'count', '--status', 'active'])).out).toBe('3\n');
    });

    it('defuses spreadsheet formulas in CSV export and restores them on import', async () => {
      const added = await cli.run([
        'subscribers',
        'add',
        'formula@example.com',
        '--name',
        '=HYPERLINK("x")',
        '--confirmed',
      ]);
      expect(added.code).toBe(0);
      const csv = await cli.run(['subscribers', 'export']);
      const line = csv.out.split('\n').find((l) => l.startsWith('formula@example.com,'));
      expect(line).toContain(`"'=HYPERLINK(""x"")"`);
      const file = path.join(cli.dir, 'roundtrip.csv');
      writeFileSync(
        file,
        `email,name,locale,categories\nformula2@example.com,${line?.split(',').slice(1, 2).join(',')},en,\n`,
      );
      expect((await cli.run(['subscribers', 'import', file, '--confirmed'])).code).toBe(0);
      const json = JSON.parse((await cli.run(['subscribers', 'export', '--format', 'json'])).out) as {
        email: string;
        name: string | null;
      }[];
      expect(json.find((s) => s.email === 'formula2@example.com')?.name).toBe('=HYPERLINK("x")');
      await cli.run(['subscribers', 'remove', 'formula@example.com', '--forget']);
      await cli.run(['subscribers', 'remove', 'formula2@example.com', '--forget']);
    });

    it('removes (unsubscribes) and forgets, after which the address is suppressed', async () => {
      const removed = await cli.run(['subscribers', 'remove', 'LEE@example.com']);
      expect(removed.out).toBe('lee@example.com is unsubscribed; the consent record is kept.\n');
      const missing = await cli.run(['subscribers', 'remove', 'nobody@example.com']);
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/No subscriber has the address nobody@example\.com/);
      const forgot = await cli.run(['subscribers', 'remove', 'park@example.com', '--forget']);
      expect(forgot.out).toBe(
        'Erased park@example.com; the address is now on the suppression list (stored as a hash only).\n',
      );
      const exported = await cli.run(['subscribers', 'export', '--format', 'json']);
      expect(exported.out).not.toContain('park@');
      const again = await cli.run(['subscribers', 'add', 'Park@example.com', '--confirmed']);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/suppressed; only its owner can subscribe again/);
      writeFileSync(cli.file('again.csv'), 'email,name,locale,categories\npark@example.com,Park,ko,\n');
      expect((await cli.run(['subscribers', 'import', cli.file('again.csv'), '--confirmed'])).out).toMatch(
        /0 added, 0 merged into existing, 1 suppressed/,
      );
    });
  });
});
