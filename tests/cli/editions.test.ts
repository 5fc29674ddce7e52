import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedger } from '../../src/send/ledger.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { writeItem } from '../fixtures/write-item.ts';
import { cliWorkspace } from './cli-harness.ts';

describe.each(DIALECTS)('gazette editions and the left-out report on $name', (dialect) => {
  let database: TestDatabase;
  let cli: ReturnType<typeof cliWorkspace>;
  beforeAll(async () => {
    if (!dialect.available) return;
    database = await dialect.create();
    cli = cliWorkspace(database);
  });
  afterAll(async () => {
    if (!dialect.available) return;
    cli.cleanup();
    await database.cleanup();
  });

  it.skipIf(!dialect.available)(
    'lists sent editions, shows one, and names the items it leaves out',
    async () => {
      const content = cli.file('content');
      expect((await cli.run(['editions'])).out).toContain('No edition has been sent yet');
      expect((await cli.run(['subscribers', 'add', 'kim@example.com', '--confirmed'])).code).toBe(0);
      writeItem(content, 'one', '2026-02-01');
      const first = await cli.run(['send', '--date', '2026-02-01', '--list', 'daily']);
      expect(first.code, first.err).toBe(0);
      writeItem(content, 'stale', '2026-02-03');
      writeItem(content, 'late', '2026-02-18');
      writeItem(content, 'today', '2026-02-20');

      const dry = await cli.run(['send', '--date', '2026-02-20', '--list', 'daily', '--dry-run']);
      expect(dry.code, dry.err).toBe(0);
      expect(dry.err).toMatch(/daily: stale\.md \(id stale, 2026-02-03\): published before the late window/);
      expect(dry.err).not.toContain('late.md');
      const sent = await cli.run(['send', '--date', '2026-02-20', '--list', 'daily']);
      expect(sent.code, sent.err).toBe(0);
      expect(sent.err).toContain('stale.md');

      const table = await cli.run(['editions', '--list', 'daily']);
      expect(table.code, table.err).toBe(0);
      const rows = table.out.trim().split('\n');
      expect(rows[0]).toBe('list\tno.\tdate\titems\trecipients\tsent\tfailed\tfrozen at');
      expect(rows.slice(1).map((row) => row.split('\t').slice(0, 7).join(' '))).toEqual([
        'daily 2 2026-02-20 2 1 1 0',
        'daily 1 2026-02-01 1 1 1 0',
      ]);
      const json = (await cli.run(['editions', '--json'])).out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(json[0]).toMatchObject({ list: 'daily', number: 2, date: '2026-02-20', items: 2, sent: 1 });

      const show = await cli.run(['editions', 'show', 'daily', '2']);
      expect(show.code, show.err).toBe(0);
      expect(show.out).toContain('daily No. 2 · 2026-02-20');
      expect(show.out).toMatch(/^late\tlate\.md\tHeadline late \[late, from 2026-02-18\]$/m);
      expect(show.out).toMatch(/^today\ttoday\.md\tHeadline today$/m);
      // build shows a sent edition as it was frozen, and says so; an unsent date comes from the content.
      const built = await cli.run(['build', '--date', '2026-02-20', '--out', cli.file('dist')]);
      expect(built.code, built.err).toBe(0);
      expect(built.out).toContain('daily: No. 2 as sent');
      const unsent = await cli.run(['build', '--date', '2026-02-03', '--out', cli.file('dist')]);
      expect(unsent.out).not.toContain('as sent');
      // check tells the editor, as information, what happened to items after they were sent.
      writeItem(content, 'today', '2026-02-20', { title: 'Headline today, fixed' });
      const check = await cli.run(['check']);
      expect(check.code, check.out).toBe(0);
      expect(check.out).toMatch(
        /^info: daily: today\.md \(id today, 2026-02-20\): changed after it was sent in daily No\. 2/m,
      );
      expect(check.out).toMatch(/^info: daily: stale\.md .*published before the late window/m);
      const missing = await cli.run(['editions', 'show', 'daily', '9']);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('has no edition No. 9');
      expect((await cli.run(['editions', 'show', 'nope', '1'])).err).toContain('Unknown list "nope"');
    },
  );

  it.skipIf(!dialect.available)(
    'adopts editions sent before they were records: kept in the archive, never re-sent as late',
    async () => {
      const old = await dialect.create();
      const workspace = cliWorkspace(old);
      try {
        const content = workspace.file('content');
        writeItem(content, 'before', '2026-01-10');
        // What an older Gazette left: ledger rows for 2026-01-10, no edition record.
        await createLedger(old.database).plan([
          {
            edition: '2026-01-10',
            list_id: 'daily',
            subscriber_id: '1',
            subscriber_ref: 'ref-1',
            email: 'old@example.com',
            name: null,
            locale: 'en',
            segment: 'en',
          },
        ]);
        expect((await workspace.run(['subscribers', 'add', 'kim@example.com', '--confirmed'])).code).toBe(0);
        writeItem(content, 'after', '2026-01-12');
        const sent = await workspace.run(['send', '--date', '2026-01-12', '--list', 'daily']);
        expect(sent.code, sent.err).toBe(0);
        expect(sent.err).toContain('Recorded 1 edition sent before editions were kept as records');
        const rows = (await workspace.run(['editions', '--json'])).out.trim().split('\n');
        expect(rows.map((row) => JSON.parse(row) as { number: number; date: string; items: number })).toEqual(
          [
            expect.objectContaining({ number: 2, date: '2026-01-12', items: 1 }),
            expect.objectContaining({ number: 1, date: '2026-01-10', items: 1 }),
          ],
        );
        const again = await workspace.run(['send', '--date', '2026-01-12', '--list', 'daily']);
        expect(again.err).not.toContain('Recorded');
      } finally {
        workspace.cleanup();
        await old.cleanup();
      }
    },
  );

  it.skipIf(!dialect.available)(
    'send names a list nobody reads and subscriptions in a locale their list stopped offering',
    async () => {
      const db = await dialect.create();
      const workspace = cliWorkspace(db);
      try {
        writeItem(workspace.file('content'), 'one', '2026-03-01');
        const add = await workspace.run([
          'subscribers',
          'add',
          'lee@example.com',
          '--locale',
          'en',
          '--confirmed',
        ]);
        expect(add.code, add.err).toBe(0);
        // The list narrows its locales after the reader chose English.
        workspace.editConfig((config) => (config.lists[0]!.locales = ['ko', 'bilingual']));
        const dry = await workspace.run(['send', '--date', '2026-03-01', '--dry-run']);
        expect(dry.code, dry.err).toBe(0);
        expect(dry.err).toContain(
          'list daily: 1 active subscriber with locale en, which the list does not offer',
        );
        expect(dry.err).toContain('list weekly: no active subscriber, so nobody gets this edition');
      } finally {
        workspace.cleanup();
        await db.cleanup();
      }
    },
  );
});
