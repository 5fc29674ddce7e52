import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, resolveConfig } from '../../src/config/load-config.ts';
import type { Config } from '../../src/config/config.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { createEditionStore } from '../../src/editions/edition-store.ts';
import { openEditionSource } from '../../src/editions/open-edition-source.ts';
import { resolveEdition } from '../../src/editions/resolve-edition.ts';
import { DIALECTS, POSTGRES_URL } from '../helpers/databases.ts';
import { makeItem } from '../fixtures/make-item.ts';

const DATE = '2026-03-02';
const items = [makeItem('a1', { title: { en: 'Sent headline' }, categories: ['tech'] })];

function configFor(databaseUrl: string, rootDir: string): Config {
  const file = parseConfig({
    name: { ko: '테스트 데일리', en: 'Test Daily' },
    from: { email: 'news@example.com' },
    postalAddress: 'Seoul',
    categories: [{ id: 'tech', label: { ko: '기술', en: 'Technology' } }],
    lists: [{ id: 'daily', name: { ko: '데일리', en: 'Daily' } }],
  });
  return resolveConfig(file, rootDir, { DATABASE_URL: databaseUrl });
}

/** The PostgreSQL URL of one schema: search_path travels in the connection options. */
function schemaUrl(schema: string): string {
  return `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

describe('openEditionSource reads, never writes', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('with no SQLite file, every edition is live and no file is created', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-source-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const config = configFor('sqlite:./data/gazette.db', dir);
    const source = await openEditionSource(config, items);
    const { edition, frozen } = await source.editionOf(config.lists[0]!, DATE);
    await source.close();
    expect(frozen).toBe(false);
    expect(edition.sections.flatMap((s) => s.items.map((i) => i.id))).toEqual(['a1']);
    expect(await source.sent()).toBeUndefined();
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('a SQLite file without the editions table reads as no sent edition, and stays unmigrated', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-source-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const url = `sqlite:${path.join(dir, 'old.db')}`;
    const old = createDatabase<unknown>(url);
    await sql`create table unrelated (id integer)`.execute(old.db);
    await old.close();
    const source = await openEditionSource(configFor(url, dir), items);
    expect(await source.sent()).toBeUndefined();
    await source.close();
    const after = createDatabase<unknown>(url);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
      after.db,
    );
    await after.close();
    expect(tables.rows.map((r) => r.name)).toEqual(['unrelated']);
  });

  describe.each(DIALECTS)('$name: a migrated store', (dialect) => {
    it.skipIf(!dialect.available)('gives the frozen record, not the edited content', async () => {
      const test = await dialect.create();
      cleanups.push(() => test.cleanup());
      const dir = mkdtempSync(path.join(tmpdir(), 'gazette-source-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const config = configFor(test.schema === undefined ? test.url : schemaUrl(test.schema), dir);
      const editionOptions = { timeZone: config.timeZone, categories: config.categories };
      await resolveEdition(createEditionStore(test.database.db), {
        list: config.lists[0]!,
        date: DATE,
        items,
        editionOptions,
        lateWindowDays: config.lateWindowDays,
        freeze: true,
      });
      const edited = [makeItem('a1', { title: { en: 'Edited later' }, categories: ['tech'] })];
      const source = await openEditionSource(config, edited);
      const { edition, frozen } = await source.editionOf(config.lists[0]!, DATE);
      const sent = await source.sent();
      await source.close();
      expect(frozen).toBe(true);
      expect(edition.sections[0]?.items[0]?.title.en).toBe('Sent headline');
      expect(sent?.map((e) => e.number)).toEqual([1]);
    });
  });

  it.skipIf(!DIALECTS[1]!.available)('an empty PostgreSQL schema reads as no sent edition', async () => {
    const test = await DIALECTS[1]!.create();
    cleanups.push(() => test.cleanup());
    await sql`drop table editions cascade`.execute(test.database.db);
    const source = await openEditionSource(configFor(schemaUrl(test.schema!), tmpdir()), items);
    expect(await source.sent()).toBeUndefined();
    await source.close();
  });
});
