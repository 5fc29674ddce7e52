import { afterEach, describe, expect, it } from 'vitest';
import { compileOnce } from '../../src/db/compile-once.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';

const row = (subscriber: number) => ({
  edition: '2026-11-23',
  list_id: 'daily',
  subscriber_id: String(subscriber),
  subscriber_ref: `uid-${subscriber}`,
  email: `reader${subscriber}@example.com`,
  name: null,
  locale: 'en',
  segment: 'en:',
  created_at: 0,
  updated_at: 0,
});

// The ledger's statements are built once and then run with new values: each run must bind its
// own values, in the order each dialect numbers its parameters, and leave constants alone.
describe.each(DIALECTS)('compileOnce on $name', (dialect) => {
  let test: TestDatabase;
  afterEach(() => test.cleanup());

  const setUp = async (count: number) => {
    test = await dialect.create();
    const { db } = test.database;
    await db
      .insertInto('deliveries')
      .values(Array.from({ length: count }, (_, i) => row(i + 1)))
      .execute();
    return db;
  };

  describe.skipIf(!dialect.available)('', () => {
    it('compiles once and binds each run its own values, repeated ones and constants kept', async () => {
      const db = await setUp(3);
      let builds = 0;
      // `who` twice, and the arguments used in an order other than declared; 1 and 'claimed' are constants.
      const claim = compileOnce(db, (p: { id: number; who: string; at: number }) => {
        builds++;
        return db
          .updateTable('deliveries')
          .set((eb) => ({
            status: 'claimed',
            attempts: eb('attempts', '+', 1),
            updated_at: p.at,
            claimed_by: p.who,
            response: p.who,
          }))
          .where('id', '=', p.id)
          .returning(['id', 'claimed_by', 'response', 'attempts', 'updated_at', 'status']);
      });
      for (const [id, who, at] of [
        [1, 'a', 10],
        [2, 'b', 20],
        [1, 'c', 30],
      ] as const) {
        const { rows } = await claim({ id, who, at });
        expect(rows.map((r) => ({ ...r, id: Number(r.id), updated_at: Number(r.updated_at) }))).toEqual([
          {
            id,
            claimed_by: who,
            response: who,
            attempts: id === 1 && who === 'c' ? 2 : 1,
            updated_at: at,
            status: 'claimed',
          },
        ]);
      }
      expect(builds).toBe(1);
      const untouched = await db
        .selectFrom('deliveries')
        .select('status')
        .where('id', '=', 3)
        .executeTakeFirstOrThrow();
      expect(untouched.status).toBe('pending');
    });

    it('reports the rows an update changed, as executeTakeFirst would', async () => {
      const db = await setUp(2);
      const touch = compileOnce(db, (p: { id: number; at: number }) =>
        db.updateTable('deliveries').set({ updated_at: p.at }).where('id', '=', p.id),
      );
      expect(Number((await touch({ id: 2, at: 5 })).numAffectedRows)).toBe(1);
      expect(Number((await touch({ id: 99, at: 5 })).numAffectedRows)).toBe(0);
    });

    it('compiles a list argument per power-of-two length, padding it unnoticed by `in`', async () => {
      const db = await setUp(9);
      let builds = 0;
      const pick = compileOnce(db, (p: { ids: readonly number[]; at: number }) => {
        builds++;
        return db
          .updateTable('deliveries')
          .set({ updated_at: p.at })
          .where('id', 'in', p.ids)
          .returning('id');
      });
      const ids = async (list: number[], at: number) =>
        (await pick({ ids: list, at })).rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      expect(await ids([4], 1)).toEqual([4]);
      expect(await ids([1, 2, 3], 2)).toEqual([1, 2, 3]);
      expect(await ids([5, 6, 7, 8], 3)).toEqual([5, 6, 7, 8]);
      expect(await ids([9, 2, 5, 1, 7], 4)).toEqual([1, 2, 5, 7, 9]);
      expect(await ids([3], 5)).toEqual([3]);
      // Shapes 1, 4 and 8: lengths 3 and 4 share one.
      expect(builds).toBe(3);
      const times = await db.selectFrom('deliveries').select(['id', 'updated_at']).orderBy('id').execute();
      expect(times.map((r) => Number(r.updated_at))).toEqual([4, 4, 5, 1, 4, 3, 4, 3, 4]);
    });

    it('refuses an argument computed with or left out while the query is built', async () => {
      const db = await setUp(1);
      const computed = compileOnce(db, (p: { id: number; at: number }) =>
        db
          .updateTable('deliveries')
          .set({ updated_at: p.at + 1 })
          .where('id', '=', p.id),
      );
      await expect(computed({ id: 1, at: 1 })).rejects.toThrow(/argument "at" was used in a computation/);
      const unused = compileOnce(db, (p: { id: number; at: number }) =>
        db.updateTable('deliveries').set({ updated_at: 1 }).where('id', '=', p.id),
      );
      await expect(unused({ id: 1, at: 1 })).rejects.toThrow(/at never reached the statement's parameters/);
      const row1 = await db.selectFrom('deliveries').select('updated_at').executeTakeFirstOrThrow();
      expect(Number(row1.updated_at)).toBe(0);
    });
  });
});
