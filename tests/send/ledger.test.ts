import { afterEach, describe, expect, it } from 'vitest';
import { createLedger } from '../../src/send/ledger.ts';
import type { Ledger } from '../../src/send/ledger.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';

const scope = { edition: '2026-11-23', listId: 'daily' };
const claimOptions = { runId: 'run', limit: 10, maxAttempts: 3 };

// A worker whose lease ran out must not overwrite the result of the worker that took the row over.
describe.each(DIALECTS)('ledger leases on $name', (dialect) => {
  let test: TestDatabase;
  let ledger: Ledger;
  afterEach(() => test.cleanup());

  const planOne = async () => {
    test = await dialect.create();
    ledger = createLedger(test.database);
    await ledger.plan([
      {
        edition: scope.edition,
        list_id: scope.listId,
        subscriber_id: '1',
        subscriber_ref: 'uid-1',
        email: 'reader@example.com',
        name: null,
        locale: 'en',
        segment: 'en:',
      },
    ]);
  };
  const row = () => test.database.db.selectFrom('deliveries').selectAll().executeTakeFirstOrThrow();

  describe.skipIf(!dialect.available)('', () => {
    it('writes a result only for the worker that still holds the claim', async () => {
      await planOne();
      const [mine] = await ledger.claim(scope, { ...claimOptions, owner: 'a', leaseMs: 1 });
      await new Promise((resolve) => setTimeout(resolve, 10));
      const [theirs] = await ledger.claim(scope, { ...claimOptions, owner: 'b', leaseMs: 60_000 });
      expect(theirs?.id).toBe(mine?.id);
      const id = mine!.id;

      expect(await ledger.sent(id, 'a', { messageId: '<a@x>', response: '250 a' })).toBe(false);
      expect(await ledger.failed(id, 'a', { code: 'SMTP_PERMANENT', response: '550' })).toBe(false);
      const deferral = { runId: 'run', nextAttemptAt: 0, code: 'SMTP_TRANSIENT', response: '451' };
      expect(await ledger.deferred(id, 'a', deferral)).toBe(false);
      expect((await ledger.skipped([id], 'a', 'gone')).size).toBe(0);
      expect((await ledger.renew([id], 'a', 60_000)).ids).toEqual([]);
      await ledger.release([id], 'a');
      expect(await row()).toMatchObject({ status: 'claimed', claimed_by: 'b', attempts: 0 });

      expect(await ledger.sent(id, 'b', { messageId: '<b@x>', response: '250 b' })).toBe(true);
      expect(await row()).toMatchObject({ status: 'sent', message_id: '<b@x>', claimed_by: null });
      // A finished row is nobody's: a late result from either worker changes nothing.
      expect(await ledger.failed(id, 'b', { code: 'SMTP_PERMANENT', response: '550' })).toBe(false);
      expect((await row()).status).toBe('sent');
    });

    it('renews the lease of rows still held, so they are not claimed again', async () => {
      await planOne();
      const [mine] = await ledger.claim(scope, { ...claimOptions, owner: 'a', leaseMs: 50 });
      const renewed = await ledger.renew([mine!.id], 'a', 60_000);
      expect(renewed.ids).toEqual([mine!.id]);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await ledger.claim(scope, { ...claimOptions, owner: 'b', leaseMs: 60_000 })).toEqual([]);
      expect(Number((await row()).lease_until)).toBe(renewed.leaseUntil);
      expect(await ledger.claimedUntil(scope)).toBe(renewed.leaseUntil);
    });
  });
});
