import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/create-database.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { createLedger } from '../../src/send/ledger.ts';
import type { Ledger } from '../../src/send/ledger.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';

const scope = { edition: '2026-11-23', listId: 'daily' };
const claim = (ledger: Ledger, owner: string, limit: number) =>
  ledger.claim(scope, { owner, runId: owner, limit, leaseMs: 60_000, maxAttempts: 3 });
const ids = (rows: { id: number }[]) => rows.map((row) => row.id);

describe.each(DIALECTS)('claims by several workers on $name', (dialect) => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.cleanup();
  });

  const plan = async (ledger: Ledger, count: number) => {
    await ledger.plan(
      Array.from({ length: count }, (_, i) => ({
        edition: scope.edition,
        list_id: scope.listId,
        subscriber_id: String(i + 1),
        subscriber_ref: `ref${i + 1}`,
        email: `reader${i + 1}@example.com`,
        name: null,
        locale: 'en',
        segment: 'en:',
      })),
    );
  };

  it.skipIf(!dialect.available)(
    'a run goes on above its last claim, and still finds rows given back below it',
    async () => {
      test = await dialect.create();
      const ledger = createLedger(test.database);
      await plan(ledger, 30);
      const a = await claim(ledger, 'a', 10);
      const b = await claim(ledger, 'b', 10);
      expect(ids(b)).toEqual(ids(a).map((id) => id + 10));
      // A stops and gives its rows back: they are below B's last claim.
      await ledger.release(ids(a), 'a');
      const next = await claim(ledger, 'b', 10);
      expect(Math.min(...ids(next))).toBeGreaterThan(Math.max(...ids(b)));
      // Nothing left above: the claim looks from the start and takes what A gave back.
      const back = await claim(ledger, 'b', 10);
      expect(ids(back)).toEqual(ids(a));
      expect(await claim(ledger, 'b', 10)).toEqual([]);
      expect(await ledger.counts(scope)).toMatchObject({ pending: 0, claimed: 30 });
    },
  );

  it.skipIf(!dialect.available)(
    'four workers claiming at once, each on its own connection, take every row exactly once',
    async () => {
      test = await dialect.create();
      await plan(createLedger(test.database), 400);
      const connections = Array.from({ length: 4 }, () =>
        createDatabase<Tables>(test!.url, { schema: test!.schema }),
      );
      try {
        const taken = await Promise.all(
          connections.map(async (connection, w) => {
            const ledger = createLedger(connection);
            const mine: number[] = [];
            // Bounded: 400 rows in batches of 7 take at most 58 claims for one worker alone.
            for (let round = 0; round < 80; round++) {
              const rows = await claim(ledger, `w${w}`, 7);
              if (rows.length === 0) break;
              mine.push(...ids(rows));
              // Finish half of them, so the claims pass sent rows as a real send's do.
              for (const id of ids(rows).filter((id) => id % 2 === 0))
                await ledger.sent(id, `w${w}`, { messageId: `<${id}@x>`, response: '250 ok' });
            }
            return mine;
          }),
        );
        const all = taken.flat().sort((x, y) => x - y);
        expect(all).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
        if (dialect.name === 'postgres') {
          // SKIP LOCKED: nobody waited for the others, so every worker got a share.
          expect(taken.every((mine) => mine.length > 0)).toBe(true);
        }
      } finally {
        await Promise.all(connections.map((connection) => connection.close()));
      }
    },
  );
});
