import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { importCsv } from '../../src/subscribers/import-csv.ts';
import type { ImportCsvOptions } from '../../src/subscribers/import-csv.ts';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';

const CONFIG: ImportCsvOptions['config'] = {
  consentVersion: 'test-v1',
  categories: [
    { id: 'tech', label: { ko: '기술', en: 'Technology' } },
    { id: 'policy', label: { ko: '정책', en: 'Policy' } },
    { id: 'science', label: { ko: '과학', en: 'Science' } },
  ],
  lists: [
    { id: 'daily', name: { ko: '데일리', en: 'Daily' }, locales: ['ko', 'en', 'bilingual'], categories: [] },
    { id: 'korean', name: { ko: '한국어판', en: 'Korean' }, locales: ['ko', 'bilingual'], categories: [] },
  ],
};

const bytes = (buffer: Buffer) => Readable.from([buffer]);

describe.each(DIALECTS)('importCsv on $name', (dialect) => {
  let database: TestDatabase;
  let store: SubscriberStore;
  beforeAll(async () => {
    if (dialect.available) database = await dialect.create();
  });
  afterAll(async () => {
    if (dialect.available) await database.cleanup();
  });
  beforeEach(async () => {
    if (!dialect.available) return;
    await database.database.db.deleteFrom('consents').execute();
    await database.database.db.deleteFrom('subscribers').execute();
    store = createKyselyStore(database.database.db);
  });
  const run = (input: Buffer, options: Partial<ImportCsvOptions> = {}) =>
    importCsv(options.dryRun ? undefined : store, bytes(input), {
      config: CONFIG,
      confirmed: true,
      ...options,
    });

  describe.skipIf(!dialect.available)('real lists', () => {
    it('reads a Korean Excel file: CP949, semicolons, Korean headers and values', async () => {
      const csv = [
        '이메일;이름;언어;관심사;전화번호',
        'song@example.com;송지호;한국어;기술|정책',
        'lee@example.com;이서연;bilingual;tech, science',
        'park@example.com;박준호;영어;',
      ].join('\r\n');
      const summary = await run(iconv.encode(csv, 'cp949'));
      expect(summary).toMatchObject({
        rows: 3,
        invalid: 0,
        delimiter: ';',
        encoding: { name: 'cp949' },
        columns: { email: '이메일', name: '이름', locale: '언어', categories: '관심사' },
        unused: ['전화번호'],
      });
      expect(await store.findByEmail('song@example.com')).toMatchObject({
        name: '송지호',
        locale: 'ko',
        // The store keeps topics sorted.
        categories: ['policy', 'tech'],
        lists: ['daily'],
      });
      expect(await store.findByEmail('lee@example.com')).toMatchObject({
        name: '이서연',
        locale: 'bilingual',
        categories: ['science', 'tech'],
      });
      expect(await store.findByEmail('park@example.com')).toMatchObject({ locale: 'en', categories: [] });
    });

    it('reads a Google Sheets / "CSV UTF-8" export with a BOM and English headers; names unused columns', async () => {
      const csv =
        '\ufeffEmail,Name,Language,Topics,Signed up\nkim@example.com,김민지,ko,"tech;policy",2026-01-02\n';
      const summary = await run(Buffer.from(csv, 'utf8'));
      expect(summary).toMatchObject({
        rows: 1,
        invalid: 0,
        encoding: { name: 'utf8' },
        unused: ['Signed up'],
      });
      expect(await store.findByEmail('kim@example.com')).toMatchObject({
        name: '김민지',
        locale: 'ko',
        categories: ['policy', 'tech'],
      });
    });

    it('reads UTF-16 ("Unicode text") with tabs', async () => {
      const tsv = '\ufeffe-mail\tname\tlocale\njiwoo@example.com\t한지우\ten\n';
      const summary = await run(iconv.encode(tsv, 'utf16le', { addBOM: false }));
      expect(summary).toMatchObject({ rows: 1, invalid: 0, delimiter: '\t', encoding: { name: 'utf16le' } });
      expect(await store.findByEmail('jiwoo@example.com')).toMatchObject({ name: '한지우', locale: 'en' });
    });

    it('one bad row (a NUL in a name) is reported and skipped; the other 299 are imported', async () => {
      const rows = Array.from({ length: 300 }, (_, i) =>
        i === 150 ? `row${i}@example.com,Bad\u0000Name,en,` : `row${i}@example.com,Reader ${i},en,`,
      );
      const summary = await run(Buffer.from(['email,name,locale,categories', ...rows].join('\n')), {
        batchSize: 100,
      });
      expect(summary.invalid).toBe(1);
      expect(summary.problems).toEqual([
        { line: 152, message: 'name: a name cannot contain the control character U+0000.' },
      ]);
      expect(summary.counts.created).toBe(299);
      expect(await store.count()).toBe(299);
    });

    it('refuses names with line separators and bidi overrides, as every path does', async () => {
      const csv = 'email,name\na@example.com,A\u2028B\nb@example.com,\u202eevil\nc@example.com,Choi\u0085\n';
      const summary = await run(Buffer.from(csv));
      expect(summary.problems.map((p) => p.message)).toEqual([
        'name: a name cannot contain a line break (U+2028).',
        'name: a name cannot contain the control character U+202E.',
        'name: a name cannot contain a line break (U+0085).',
      ]);
      expect(await store.count()).toBe(0);
    });

    it("enforces a list's locales: a locale it does not offer is refused, none given takes one it offers", async () => {
      const csv = 'email,locale\nen@example.com,en\nnone@example.com,\n';
      const summary = await run(Buffer.from(csv), { lists: ['korean'] });
      expect(summary.problems).toEqual([
        {
          line: 2,
          message:
            'locale "en" is not offered by list "korean" (it offers ko, bilingual): choose one of those, or add "en" to that list\'s locales in the config.',
        },
      ]);
      expect(await store.findByEmail('none@example.com')).toMatchObject({
        locale: 'bilingual',
        lists: ['korean'],
      });
      expect(await store.findByEmail('en@example.com')).toBeUndefined();
    });

    it('--dry-run reads and checks every row, previews the first, writes nothing', async () => {
      const csv = 'email,name,topics\na@example.com,A,tech\nbad,B,\nc@example.com,C,science|policy\n';
      const summary = await run(Buffer.from(csv), { dryRun: true });
      expect(summary).toMatchObject({ rows: 3, invalid: 1 });
      expect(summary.preview.map((p) => [p.line, p.row.email, p.row.categories])).toEqual([
        [2, 'a@example.com', ['tech']],
        [4, 'c@example.com', ['science', 'policy']],
      ]);
      expect(await store.count()).toBe(0);
    });

    it('takes --map for unusual headers and names the columns when the address is missing', async () => {
      const csv = '메일주소(회사),성명\nmap@example.com,정소라\n';
      await expect(run(Buffer.from(csv))).rejects.toThrow(
        'No column of the CSV holds the email address; its header reads "메일주소(회사),성명". Name the column email (or 이메일), or say which one it is: --map email=COLUMN.',
      );
      const summary = await run(Buffer.from(csv), { map: { email: '메일주소(회사)' } });
      expect(summary).toMatchObject({ rows: 1, invalid: 0, unused: [] });
      expect(await store.findByEmail('map@example.com')).toMatchObject({ name: '정소라' });
    });

    it('asks for --encoding rather than guessing, and takes it', async () => {
      const latin = iconv.encode('Email,Name\nx@example.com,José Müller\n', 'windows-1252');
      await expect(run(latin)).rejects.toThrow(/Cannot tell the text encoding of the CSV.*--encoding cp949/);
      await run(latin, { encoding: 'windows-1252' });
      expect(await store.findByEmail('x@example.com')).toMatchObject({ name: 'José Müller' });
    });
  });
});
