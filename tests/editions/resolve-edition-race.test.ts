import { afterEach, describe, expect, it } from 'vitest';
import { createEditionStore } from '../../src/editions/edition-store.ts';
import type { EditionStore } from '../../src/editions/edition-store.ts';
import { resolveEdition } from '../../src/editions/resolve-edition.ts';
import type { ResolveOptions } from '../../src/editions/resolve-edition.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { makeItem } from '../fixtures/make-item.ts';
import { testConfig } from '../fixtures/test-config.ts';

const DATE = '2026-03-02';
const config = testConfig();
const items = [
  makeItem('a1', { title: { en: 'First' }, categories: ['tech'] }),
  makeItem('a2', { title: { en: 'Second' }, categories: ['tech'] }),
];

const ids = (resolved: Awaited<ReturnType<typeof resolveEdition>>) =>
  resolved.edition.sections.flatMap((section) => section.items.map((item) => item.id)).sort();

describe.each(DIALECTS)('two workers resolving one date at once ($name)', (dialect) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  it.skipIf(!dialect.available)(
    'the one that finds the date frozen after its first look gets the record, not an empty edition',
    async () => {
      test = await dialect.create();
      const store = createEditionStore(test.database.db);
      const options = (freeze: boolean): ResolveOptions => ({
        list: config.lists[0]!,
        date: DATE,
        items,
        editionOptions: { timeZone: config.timeZone, categories: config.categories },
        lateWindowDays: config.lateWindowDays,
        freeze,
      });
      // The other worker freezes the date right after this one looked and found nothing: this
      // one's history then holds every item of the date as sent.
      for (const freeze of [true, false]) {
        let raced = false;
        const racing: EditionStore = {
          ...store,
          async history(listId) {
            if (!raced) {
              raced = true;
              const other = await resolveEdition(store, options(true));
              expect(ids(other)).toEqual(['a1', 'a2']);
            }
            return store.history(listId);
          },
          // The first look of each run misses; later ones read the store.
          find: (() => {
            let looks = 0;
            return (listId: string, date: string) =>
              looks++ === 0 ? Promise.resolve(undefined) : store.find(listId, date);
          })(),
        };
        const mine = await resolveEdition(racing, options(freeze));
        expect(raced).toBe(true);
        expect(mine.frozen).toBe(true);
        expect(ids(mine)).toEqual(['a1', 'a2']);
        expect(mine.edition.number).toBe(1);
        expect((await store.summaries()).map((edition) => edition.items)).toEqual([2]);
      }
    },
  );
});
