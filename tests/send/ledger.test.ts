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

// deliverAt: a row waits for its reader's hour; a newer released copy supersedes an older open one.
describe.each(DIALECTS)('ledger releases on $name', (dialect) => {
  let test: TestDatabase;
  let ledger: Ledger;
  afterEach(() => test.cleanup());
  const SEOUL_7 = Date.parse('2026-11-22T22:00:00Z');
  const BERLIN_7 = Date.parse('2026-11-23T06:00:00Z');
  const row = (edition: string, subscriber: string, notBefore: number) => ({
    edition,
    list_id: 'daily',
    subscriber_id: subscriber,
    subscriber_ref: `uid-${subscriber}`,
    email: `reader${subscriber}@example.com`,
    name: null,
    locale: 'en',
    segment: 'en:',
    not_before: notBefore,
  });
  const statusOf = async (edition: string, subscriber: string) =>
    test.database.db
      .selectFrom('deliveries')
      .select(['status', 'response', 'not_before'])
      .where('edition', '=', edition)
      .where('subscriber_id', '=', subscriber)
      .executeTakeFirstOrThrow();

  describe.skipIf(!dialect.available)('', () => {
    it('claims only rows released by the instant; says how many wait and when the next is due', async () => {
      test = await dialect.create();
      ledger = createLedger(test.database);
      await ledger.plan([row(scope.edition, '1', SEOUL_7), row(scope.edition, '2', BERLIN_7)]);
      const claim = (releasedBy: number, owner: string) =>
        ledger.claim(scope, { ...claimOptions, owner, leaseMs: 60_000, releasedBy });
      expect(await claim(SEOUL_7 - 1, 'a')).toEqual([]);
      expect(await ledger.held(scope, SEOUL_7 - 1)).toEqual({ count: 2, next: SEOUL_7 });
      expect(await ledger.nextRelease(0)).toBe(SEOUL_7);
      const [seoul, ...rest] = await claim(SEOUL_7, 'a');
      expect(seoul?.subscriber_id).toBe('1');
      expect(rest).toEqual([]);
      // Its lease is real time: the schedule wakes when it ends, should this worker die.
      const leaseEnd = await ledger.nextLeaseEnd(Date.now());
      expect(leaseEnd).toBe(Number(seoul?.lease_until));
      expect(await ledger.nextLeaseEnd(leaseEnd ?? 0)).toBeUndefined();
      expect(await ledger.held(scope, SEOUL_7)).toEqual({ count: 1, next: BERLIN_7 });
      expect(await ledger.nextRelease(SEOUL_7)).toBe(BERLIN_7);
      // Given back to wait for a later hour (the reader moved west): not claimable before it.
      await ledger.hold([{ id: seoul!.id, notBefore: BERLIN_7 + 3_600_000 }], 'a');
      expect(await claim(BERLIN_7, 'b')).toMatchObject([{ subscriber_id: '2' }]);
      expect(await claim(BERLIN_7 + 3_599_999, 'b')).toEqual([]);
      expect(await claim(BERLIN_7 + 3_600_000, 'b')).toMatchObject([{ subscriber_id: '1' }]);
    });

    it("supersedes an older open copy only once the reader's newer copy is released", async () => {
      test = await dialect.create();
      ledger = createLedger(test.database);
      const DAY = 86_400_000;
      await ledger.plan([
        row('2026-11-22', '1', SEOUL_7 - DAY),
        row('2026-11-22', '2', BERLIN_7 - DAY),
        row('2026-11-22', '3', BERLIN_7 - DAY),
        row('2026-11-23', '1', SEOUL_7),
        row('2026-11-23', '2', BERLIN_7),
      ]);
      // Reader 1's copy of the 23rd is released: their copy of the 22nd, never sent, is stale.
      expect(await ledger.supersede('daily', '2026-11-23', SEOUL_7)).toBe(1);
      expect(await statusOf('2026-11-22', '1')).toMatchObject({
        status: 'skipped',
        response: 'superseded by the edition of 2026-11-23, released first',
      });
      // Reader 2's newer copy still waits for its hour: the older one may still go out.
      expect((await statusOf('2026-11-22', '2')).status).toBe('pending');
      // Reader 3 has no newer copy at all.
      expect(await ledger.supersede('daily', '2026-11-23', BERLIN_7)).toBe(1);
      expect((await statusOf('2026-11-22', '2')).status).toBe('skipped');
      expect((await statusOf('2026-11-22', '3')).status).toBe('pending');
      expect(await ledger.openEditions('daily', '2026-11-23')).toEqual(['2026-11-22']);
      // Another list is another ledger.
      expect(await ledger.supersede('weekly', '2026-11-23', BERLIN_7)).toBe(0);
    });
  });
});

// The ledger's statements are compiled once (compile-once.ts): every call must bind its own values.
describe.each(DIALECTS)('ledger statements, compiled once, on $name', (dialect) => {
  let test: TestDatabase;
  afterEach(() => test.cleanup());
  const planned = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      edition: scope.edition,
      list_id: scope.listId,
      subscriber_id: String(i + 1),
      subscriber_ref: `uid-${i + 1}`,
      email: `reader${i + 1}@example.com`,
      name: null,
      locale: 'en',
      segment: 'en:',
    }));
  const rows = () => test.database.db.selectFrom('deliveries').selectAll().orderBy('id').execute();

  describe.skipIf(!dialect.available)('', () => {
    it('binds each call its own values: attempts per run, owners, lists of any length', async () => {
      test = await dialect.create();
      const ledger = createLedger(test.database);
      await ledger.plan(planned(7));
      const claim = (owner: string, runId: string, limit = 10) =>
        ledger.claim(scope, { owner, runId, limit, leaseMs: 60_000, maxAttempts: 3 });
      const taken = await claim('a', 'run-1');
      expect(taken.map((r) => r.id)).toHaveLength(7);
      const [first, second, third, ...rest] = taken.map((r) => r.id) as [number, number, number, ...number[]];
      const retry = (runId: string) => ({ runId, nextAttemptAt: 0, code: 'SMTP_TRANSIENT', response: '451' });
      expect(await ledger.deferred(first, 'a', retry('run-1'))).toBe(true);
      expect(await ledger.sent(second, 'a', { messageId: '<2@x>', response: '250 two' })).toBe(true);
      expect(await ledger.failed(third, 'a', { code: 'SMTP_PERMANENT', response: '550 three' })).toBe(true);
      // Three of the rest skipped (a list padded to four), the last one given back.
      expect([...(await ledger.skipped(rest.slice(0, 3), 'a', 'gone'))].sort((x, y) => x - y)).toEqual(
        rest.slice(0, 3),
      );
      await ledger.release(rest.slice(3), 'a');
      // Another run and owner: the deferred row counts its attempts afresh, the released ones are open.
      const again = await claim('b', 'run-2');
      expect(again.map((r) => r.id).sort((x, y) => x - y)).toEqual([first, ...rest.slice(3)]);
      expect(await ledger.deferred(first, 'b', retry('run-2'))).toBe(true);
      expect((await ledger.renew(rest.slice(3), 'b', 120_000)).ids).toEqual(rest.slice(3));
      expect((await ledger.renew(rest.slice(3), 'a', 120_000)).ids).toEqual([]);
      expect(await ledger.sent(rest[3]!, 'b', { messageId: '<7@x>', response: '250 seven' })).toBe(true);
      const byId = new Map((await rows()).map((r) => [Number(r.id), r]));
      expect(byId.get(first)).toMatchObject({
        status: 'deferred',
        attempts: 2,
        run_attempts: 1,
        last_run: 'run-2',
      });
      expect(byId.get(second)).toMatchObject({
        status: 'sent',
        message_id: '<2@x>',
        response: '250 two',
        sent_by: 'a',
      });
      expect(byId.get(third)).toMatchObject({
        status: 'failed',
        response: '550 three',
        error_code: 'SMTP_PERMANENT',
      });
      for (const id of rest.slice(0, 3))
        expect(byId.get(id)).toMatchObject({ status: 'skipped', response: 'gone' });
      expect(byId.get(rest[3]!)).toMatchObject({
        status: 'sent',
        message_id: '<7@x>',
        sent_by: 'b',
        claimed_by: null,
      });
      expect(await ledger.nextRetryAt(scope, 'run-2', 3)).toBe(0);
      expect(await ledger.nextRetryAt(scope, 'run-2', 1)).toBeUndefined();
    });
  });
});
