import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { cliWorkspace } from './cli-harness.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;

/** Issue 15, "Import a real list": what the operator sees on the command line. */
describe('gazette subscribers: a real list, nothing silent', () => {
  let database: TestDatabase;
  let cli: ReturnType<typeof cliWorkspace>;
  beforeAll(async () => {
    database = await sqlite.create();
    cli = cliWorkspace(database);
    // The weekly list is Korean only: en subscriptions to it are refused.
    cli.editConfig((config) => (config.lists[1]!.locales = ['ko', 'bilingual']));
  });
  afterAll(async () => {
    cli.cleanup();
    await database.cleanup();
  });

  it('import says how it read the file, warns about unused columns, and --dry-run writes nothing', async () => {
    const csv = 'Email,Name,Language,Topics,Phone\nsong@example.com,송지호,한국어,tech|policy,010\n';
    writeFileSync(cli.file('excel.csv'), iconv.encode(csv, 'cp949'));
    const dry = await cli.run(['subscribers', 'import', cli.file('excel.csv'), '--dry-run', '--confirmed']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.err).toContain(
      'excel.csv: cp949 (Korean (CP949/EUC-KR)), comma-separated; columns email=Email, name=Name, locale=Language, categories=Topics\n',
    );
    expect(dry.err).toContain('warning: column "Phone" is not imported.');
    expect(dry.out).toBe(
      'line\temail\tname\tlocale\tcategories\tlists\n' +
        '2\tsong@example.com\t송지호\tko\ttech,policy\tdaily\n' +
        'Dry run: 1 row, 1 would be imported, 0 skipped as invalid. Nothing was written.\n',
    );
    expect((await cli.run(['subscribers', 'count'])).out).toBe('0\n');

    const real = await cli.run(['subscribers', 'import', cli.file('excel.csv'), '--confirmed']);
    expect(real.out).toBe(
      '1 row: 1 added, 0 merged into existing, 0 suppressed (forgotten), 0 skipped as invalid.\n',
    );
  });

  it('list prints a header and the name; --json on list and count', async () => {
    const list = await cli.run(['subscribers', 'list']);
    expect(list.out).toBe(
      'email\tname\tstatus\tlocale\tlists\tcategories\nsong@example.com\t송지호\tactive\tko\tdaily\tpolicy,tech\n',
    );
    const json = await cli.run(['subscribers', 'list', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ email: 'song@example.com', name: '송지호', locale: 'ko' });
    const count = await cli.run(['subscribers', 'count', '--json']);
    expect(JSON.parse(count.out)).toMatchObject({ total: 1, byStatus: { active: 1, pending: 0 } });
  });

  it('add refuses a locale the list does not offer and a name with a bidi override', async () => {
    const locale = await cli.run([
      'subscribers',
      'add',
      'en@example.com',
      '--locale',
      'en',
      '--list',
      'weekly',
      '--confirmed',
    ]);
    expect(locale.code).toBe(1);
    expect(locale.err).toBe(
      'gazette: locale "en" is not offered by list "weekly" (it offers ko, bilingual): choose one of those, or add "en" to that list\'s locales in the config.\n',
    );
    const name = await cli.run([
      'subscribers',
      'add',
      'x@example.com',
      '--name',
      'Kim\u202eevil',
      '--confirmed',
    ]);
    expect(name.code).toBe(1);
    expect(name.err).toBe('gazette: --name: a name cannot contain the control character U+202E.\n');
    // Topics by "|" as import takes them; no locale given: one the list offers.
    const added = await cli.run([
      'subscribers',
      'add',
      'ko@example.com',
      '--list',
      'weekly',
      '--categories',
      'tech|policy',
      '--confirmed',
    ]);
    expect(added.code, added.err).toBe(0);
    const row = (await cli.run(['subscribers', 'list', '--json'])).out
      .split('\n')
      .find((l) => l.includes('ko@example.com'));
    expect(JSON.parse(row ?? '{}')).toMatchObject({
      locale: 'bilingual',
      lists: ['weekly'],
      categories: ['policy', 'tech'],
    });
  });

  it('subscribers check reports subscriptions made before a list narrowed its locales', async () => {
    expect((await cli.run(['subscribers', 'check'])).code).toBe(0);
    // Written while weekly still offered en: widen it, add, narrow it again.
    cli.editConfig((config) => (config.lists[1]!.locales = ['ko', 'en', 'bilingual']));
    expect(
      (
        await cli.run([
          'subscribers',
          'add',
          'early@example.com',
          '--locale',
          'en',
          '--list',
          'weekly',
          '--confirmed',
        ])
      ).code,
    ).toBe(0);
    cli.editConfig((config) => (config.lists[1]!.locales = ['ko', 'bilingual']));
    const check = await cli.run(['subscribers', 'check']);
    expect(check.code).toBe(1);
    expect(check.out).toContain(
      'list weekly: 1 active subscriber with locale en, which the list does not offer (it offers ko, bilingual).',
    );
    const json = await cli.run(['subscribers', 'check', '--json']);
    expect(JSON.parse(json.out)).toEqual([
      { list: 'weekly', locale: 'en', offered: ['ko', 'bilingual'], count: 1 },
    ]);
  });
});
