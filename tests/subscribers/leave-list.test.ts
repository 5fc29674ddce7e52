import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';

describe.each(DIALECTS)('leaving one list, and notices claimed once, on $name', (dialect) => {
  let test: TestDatabase;
  let store: SubscriberStore;
  beforeAll(async () => {
    if (!dialect.available) return;
    test = await dialect.create();
    store = createKyselyStore(test.database.db, { secret: 'd'.repeat(32) });
  });
  afterAll(() => test?.cleanup());

  it.skipIf(!dialect.available)('a list at a time; the last one unsubscribes as one-click does', async () => {
    const { subscriber } = await store.subscribe({
      email: 'two@example.net',
      locale: 'ko',
      categories: [],
      lists: ['daily', 'weekly'],
      consent: {
        source: 'email',
        version: 'v1',
        messageId: '<m@x>',
        receivedAt: new Date(0),
        authResults: 'a',
      },
      confirmed: true,
    });
    const uid = subscriber!.uid;
    const first = await store.leaveList(uid, 'daily', 'mail', new Date('2026-12-04T00:00:00Z'));
    expect(first).toMatchObject({ change: 'left-list', subscriber: { status: 'active', lists: ['weekly'] } });
    expect(await store.leaveList(uid, 'daily', 'mail')).toMatchObject({ change: 'none' });
    const last = await store.leaveList(uid, 'weekly', 'mail', new Date('2026-12-04T00:01:00Z'));
    expect(last).toMatchObject({ change: 'unsubscribed', subscriber: { status: 'unsubscribed' } });
    const [consent] = await store.consents(subscriber!.id);
    expect(consent).toMatchObject({
      source: 'email',
      messageId: '<m@x>',
      receivedAt: '1970-01-01T00:00:00.000Z',
      unsubscribedAt: '2026-12-04T00:01:00.000Z',
      unsubscribeSource: 'mail',
    });
    expect(await store.leaveList('no-such-uid', 'daily', 'mail')).toBeUndefined();
  });

  it.skipIf(!dialect.available)(
    'a notice is claimed once; released, it can be claimed again; erasure removes it',
    async () => {
      const { subscriber } = await store.subscribe({
        email: 'note@example.net',
        locale: 'en',
        categories: [],
        lists: ['daily'],
        consent: { source: 'form', version: 'v1' },
        confirmed: true,
      });
      const id = subscriber!.id;
      expect(await store.claimNotice(`${id}:unsubscribed::t1`, id, 'unsubscribed')).toBe(true);
      expect(await store.claimNotice(`${id}:unsubscribed::t1`, id, 'unsubscribed')).toBe(false);
      await store.releaseNotice(`${id}:unsubscribed::t1`);
      expect(await store.claimNotice(`${id}:unsubscribed::t1`, id, 'unsubscribed')).toBe(true);
      expect(await store.forget('note@example.net')).toBe(true);
      const left = await test.database.db
        .selectFrom('change_notices')
        .selectAll()
        .where('subscriber_id', '=', id)
        .execute();
      expect(left).toEqual([]);
    },
  );
});
