import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { normalizeEmail } from '../../src/subscribers/normalize-email.ts';
import type { SubscribeInput } from '../../src/subscribers/subscriber.ts';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';

const SECRET = 'store-tests-secret-0123456789abcdef0123';

const input = (email: string, extra: Partial<SubscribeInput> = {}): SubscribeInput => ({
  email: normalizeEmail(email),
  name: null,
  locale: 'bilingual',
  categories: [],
  lists: ['daily'],
  consent: { source: 'form', ip: '203.0.113.7', userAgent: 'Test/1.0', version: '2026-11-v1' },
  ...extra,
});

describe.each(DIALECTS)('subscriber store on $name', (dialect) => {
  let test: TestDatabase;
  let store: SubscriberStore;
  beforeAll(async () => {
    if (!dialect.available) return;
    test = await dialect.create();
    store = createKyselyStore(test.database.db, { secret: SECRET });
  });
  afterAll(async () => {
    if (dialect.available) await test.cleanup();
  });

  describe.skipIf(!dialect.available)('with a database', () => {
    it('creates a pending subscriber with a consent record, unique case-insensitively', async () => {
      const first = await store.subscribe(input('  Reader@Example.COM '), new Date('2026-11-20T08:00:00Z'));
      expect(first.outcome).toBe('created');
      expect(first.subscriber).toMatchObject({
        email: 'Reader@example.com',
        status: 'pending',
        locale: 'bilingual',
      });
      expect(first.subscriber?.uid).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const again = await store.subscribe(input('reader@EXAMPLE.com', { locale: 'ko' }));
      expect(again.outcome).toBe('pending');
      expect(again.subscriber?.id).toBe(first.subscriber?.id);
      // A pending request keeps what its owner chose (see the next-but-one test).
      expect(again.subscriber?.locale).toBe('bilingual');
      expect(await store.count()).toBe(1);
      const [consent] = await store.consents(first.subscriber?.id ?? 0);
      expect(consent).toMatchObject({
        source: 'form',
        ip: '203.0.113.7',
        userAgent: 'Test/1.0',
        consentVersion: '2026-11-v1',
        createdAt: '2026-11-20T08:00:00.000Z',
        confirmedAt: null,
      });
    });

    it('confirms once (idempotently), records the IP, and leaves an active subscriber unchanged', async () => {
      const found = await store.findByEmail('READER@example.com');
      expect(found).toBeDefined();
      await store.markConfirmationSent(found?.id ?? 0, new Date('2026-11-20T08:00:01Z'));
      const first = await store.confirm(found?.uid ?? '', '198.51.100.1', new Date('2026-11-20T09:00:00Z'));
      expect(first).toMatchObject({ changed: true, subscriber: { status: 'active' } });
      const second = await store.confirm(found?.uid ?? '', '198.51.100.2');
      expect(second).toMatchObject({ changed: false, subscriber: { status: 'active' } });
      const [consent] = await store.consents(found?.id ?? 0);
      expect(consent).toMatchObject({
        confirmSentAt: '2026-11-20T08:00:01.000Z',
        confirmSentCount: 1,
        confirmedAt: '2026-11-20T09:00:00.000Z',
        confirmIp: '198.51.100.1',
      });
      const known = await store.subscribe(input('reader@example.com', { locale: 'en', lists: [] }));
      expect(known.outcome).toBe('unchanged');
      expect(known.subscriber?.locale).toBe('bilingual');
      expect(await store.isActive(found?.id ?? 0)).toBe(true);
      expect(await store.confirm('no-such-uid', null)).toBeUndefined();
    });

    it("does not let a re-submission change a pending request's name, choices or ad consent", async () => {
      const owner = await store.subscribe(input('pending-owner@example.com', { name: 'Owner' }));
      const stranger = await store.subscribe(
        input('PENDING-OWNER@example.com', {
          name: 'Claim your prize at evil.example',
          locale: 'ko',
          categories: ['tech'],
          lists: ['weekly'],
          adConsent: true,
          consent: { source: 'form', ip: '192.0.2.66', userAgent: 'Evil/1.0', version: '2026-11-v1' },
        }),
      );
      expect(stranger.outcome).toBe('pending');
      const kept = {
        name: 'Owner',
        locale: 'bilingual',
        categories: [],
        lists: ['daily'],
        adConsent: false,
        status: 'pending',
      };
      expect(stranger.subscriber).toMatchObject(kept);
      const id = owner.subscriber?.id ?? 0;
      const confirmed = await store.confirm(owner.subscriber?.uid ?? '', '198.51.100.9');
      expect(confirmed?.subscriber).toMatchObject({ ...kept, status: 'active' });
      expect(await store.findByEmail('pending-owner@example.com')).toMatchObject({
        ...kept,
        status: 'active',
      });
      const consents = await store.consents(id);
      expect(consents).toHaveLength(1);
      expect(consents[0]).toMatchObject({ ip: '203.0.113.7', adConsent: false });
      await store.forget('pending-owner@example.com');
    });

    it('tells only one of six simultaneous confirms that it activated the subscriber', async () => {
      const created = await store.subscribe(input('six-clicks@example.com'));
      const uid = created.subscriber?.uid ?? '';
      const results = await Promise.all(Array.from({ length: 6 }, () => store.confirm(uid, '198.51.100.3')));
      expect(results.filter((r) => r?.changed)).toHaveLength(1);
      expect(results.every((r) => r?.subscriber.status === 'active')).toBe(true);
      await store.forget('six-clicks@example.com');
    });

    it('stores SQL-looking input verbatim', async () => {
      const name = "Robert'); DROP TABLE subscribers;--";
      const email = "x'or'1'='1@example.com";
      const result = await store.subscribe(input(email, { name }));
      const found = await store.findByEmail(email);
      expect(found).toMatchObject({ email, name, id: result.subscriber?.id });
      expect(await store.count()).toBe(2);
    });

    it('pages active subscribers of a list by id with bounded pages', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const lists = i === 3 ? ['weekly'] : i === 5 ? ['daily_x'] : ['daily'];
        const result = await store.subscribe(
          input(`page${i}@example.org`, {
            confirmed: true,
            lists,
            consent: { source: 'import', version: 'v' },
          }),
        );
        ids.push(result.subscriber?.id ?? 0);
      }
      const seen: string[] = [];
      let afterId = 0;
      for (let guard = 0; guard < 20; guard += 1) {
        const page = await store.activeSubscribersPage('daily', { afterId, limit: 2 });
        expect(page.subscribers.length).toBeLessThanOrEqual(2);
        seen.push(...page.subscribers.map((s) => s.email));
        if (page.next === undefined) break;
        afterId = page.next;
      }
      // `daily_x` must not match `daily` (LIKE's `_` is escaped), nor `weekly`.
      expect(seen).toEqual([
        'Reader@example.com',
        'page0@example.org',
        'page1@example.org',
        'page2@example.org',
        'page4@example.org',
        'page6@example.org',
      ]);
      const weekly = await store.activeSubscribersPage('weekly', { afterId: 0, limit: 100 });
      expect(weekly.subscribers.map((s) => s.email)).toEqual(['page3@example.org']);
      expect(weekly.next).toBeUndefined();
    });

    it('marks bounced and complained subscribers inactive', async () => {
      const bounced = await store.findByEmail('page0@example.org');
      const complained = await store.findByEmail('page1@example.org');
      await store.markBounced(bounced?.id ?? 0);
      await store.markComplained(complained?.id ?? 0);
      expect(await store.isActive(bounced?.id ?? 0)).toBe(false);
      expect((await store.findByEmail('page1@example.org'))?.status).toBe('complained');
      expect(await store.count('active')).toBe(6);
    });

    it('unsubscribes, keeps the consent record, and renews with a new consent on request', async () => {
      const reader = await store.findByEmail('reader@example.com');
      const gone = await store.unsubscribe(reader?.uid ?? '', 'one-click', new Date('2026-11-21T10:00:00Z'));
      expect(gone?.status).toBe('unsubscribed');
      expect(await store.unsubscribe(reader?.uid ?? '', 'one-click')).toMatchObject({
        status: 'unsubscribed',
      });
      const [consent] = await store.consents(reader?.id ?? 0);
      expect(consent).toMatchObject({
        unsubscribedAt: '2026-11-21T10:00:00.000Z',
        unsubscribeSource: 'one-click',
      });
      expect(consent?.confirmedAt).not.toBeNull();
      // An old confirmation link does not bring them back.
      expect(await store.confirm(reader?.uid ?? '', null)).toMatchObject({
        changed: false,
        subscriber: { status: 'unsubscribed' },
      });
      const renewed = await store.subscribe(input('reader@example.com', { locale: 'en' }));
      expect(renewed).toMatchObject({
        outcome: 'renewed',
        confirmSentAt: null,
        subscriber: { status: 'pending' },
      });
      expect(await store.consents(reader?.id ?? 0)).toHaveLength(2);
    });

    it('updates preferences by uid', async () => {
      const reader = await store.findByEmail('page2@example.org');
      const updated = await store.updatePreferences(reader?.uid ?? '', {
        locale: 'ko',
        categories: ['tech', 'policy', 'tech'],
        lists: ['daily', 'weekly'],
      });
      expect(updated).toMatchObject({
        locale: 'ko',
        categories: ['policy', 'tech'],
        lists: ['daily', 'weekly'],
      });
      expect(
        await store.updatePreferences('unknown', { locale: 'ko', categories: [], lists: [] }),
      ).toBeUndefined();
    });

    it('imports a batch: merges case variants, never re-subscribes a leaver, skips suppressed', async () => {
      await store.forget('forgotten@example.net');
      const outcomes = await store.importBatch([
        input('new1@example.net', { consent: { source: 'import', version: 'v' }, confirmed: true }),
        input('NEW1@example.net', {
          name: 'New One',
          consent: { source: 'import', version: 'v' },
          lists: ['weekly'],
        }),
        input('Page6@Example.org', { consent: { source: 'import', version: 'v' }, locale: 'en' }),
        input('page0@example.org', { consent: { source: 'import', version: 'v' }, confirmed: true }),
        input('forgotten@example.net', { consent: { source: 'import', version: 'v' }, confirmed: true }),
      ]);
      expect(outcomes).toEqual(['created', 'merged', 'merged', 'merged', 'suppressed']);
      expect(await store.findByEmail('new1@example.net')).toMatchObject({
        name: 'New One',
        status: 'active',
        lists: ['daily', 'weekly'],
      });
      expect((await store.findByEmail('page6@example.org'))?.locale).toBe('en');
      expect((await store.findByEmail('page0@example.org'))?.status).toBe('bounced');
      expect(await store.findByEmail('forgotten@example.net')).toBeUndefined();
    });

    it('forgets: erases the row and consent, keeps only a hash, until the owner confirms anew', async () => {
      const reader = await store.findByEmail('page4@example.org');
      expect(await store.forget('PAGE4@example.org')).toBe(true);
      expect(await store.findByEmail('page4@example.org')).toBeUndefined();
      expect(await store.consents(reader?.id ?? 0)).toEqual([]);
      expect(await store.isSuppressed('page4@EXAMPLE.org')).toBe(true);
      const raw = await test.database.db.selectFrom('suppressions').selectAll().execute();
      expect(JSON.stringify(raw)).not.toContain('page4');
      const cli = await store.subscribe(
        input('page4@example.org', { consent: { source: 'cli', version: 'v' }, confirmed: true }),
      );
      expect(cli.outcome).toBe('suppressed');
      const form = await store.subscribe(input('page4@example.org'));
      expect(form.outcome).toBe('created');
      expect(await store.isSuppressed('page4@example.org')).toBe(true);
      await store.confirm(form.subscriber?.uid ?? '', '192.0.2.1');
      expect(await store.isSuppressed('page4@example.org')).toBe(false);
      expect(await store.forget('never-seen@example.org')).toBe(false);
    });

    it('keys the suppression list with the secret: a bare hash of a guessed address matches nothing', async () => {
      await store.forget('keyed@example.org');
      const raw = await test.database.db.selectFrom('suppressions').select('email_hash').execute();
      const bare = createHash('sha256').update('gazette-suppression:keyed@example.org').digest('hex');
      expect(raw.map((row) => row.email_hash)).not.toContain(bare);
      expect(raw.some((row) => row.email_hash.startsWith('h1:'))).toBe(true);
      // Another secret cannot test it either; this one can.
      expect(
        await createKyselyStore(test.database.db, { secret: `${SECRET}x` }).isSuppressed('keyed@example.org'),
      ).toBe(false);
      expect(await store.isSuppressed('KEYED@example.org')).toBe(true);
      // Without the secret the list cannot be checked: refused, never "not suppressed".
      const blind = createKyselyStore(test.database.db);
      await expect(blind.isSuppressed('other@example.org')).rejects.toMatchObject({ code: 'SECRET_MISSING' });
      await expect(blind.forget('other@example.org')).rejects.toMatchObject({ code: 'SECRET_MISSING' });
    });

    it('recognises an entry written with the old unkeyed hash and rewrites it keyed', async () => {
      const bare = createHash('sha256').update('gazette-suppression:old@example.org').digest('hex');
      await test.database.db
        .insertInto('suppressions')
        .values({ email_hash: bare, reason: 'forget', created_at: '2025-01-01T00:00:00.000Z' })
        .execute();
      const imported = await store.importBatch([
        input('old@example.org', { consent: { source: 'import', version: 'v' }, confirmed: true }),
      ]);
      expect(imported).toEqual(['suppressed']);
      const raw = await test.database.db.selectFrom('suppressions').selectAll().execute();
      expect(raw.map((row) => row.email_hash)).not.toContain(bare);
      expect(raw.filter((row) => row.created_at === '2025-01-01T00:00:00.000Z')).toHaveLength(1);
      expect(await store.isSuppressed('old@example.org')).toBe(true);
    });

    it('lets one of two racing inserts of the same address win, the other sees it', async () => {
      const results = await Promise.all([
        store.subscribe(input('race@example.com')),
        store.subscribe(input('RACE@example.com')),
      ]);
      expect(results.map((r) => r.outcome).sort()).toEqual(['created', 'pending']);
      expect(results[0]?.subscriber?.id).toBe(results[1]?.subscriber?.id);
    });

    it('finds many by uid at once, as findByUid would, leaving unknown uids out', async () => {
      const add = async (email: string, extra: Partial<SubscribeInput>) =>
        (await store.subscribe(input(email, extra))).subscriber!;
      const both = await add('batch-both@example.com', {
        confirmed: true,
        lists: ['weekly', 'daily'],
        categories: ['tech'],
        adConsent: true,
        locale: 'ko',
      });
      const pending = await add('batch-pending@example.com', { lists: ['weekly'] });
      const left = await add('batch-left@example.com', { confirmed: true });
      const bounced = await add('batch-bounced@example.com', { confirmed: true, lists: [] });
      await store.unsubscribe(left.uid, 'one-click');
      await store.markBounced(bounced.id);
      const uids = [both.uid, pending.uid, left.uid, bounced.uid];

      const found = await store.findByUids(['no-such-uid', ...uids, both.uid, '']);
      const byUid = new Map(found.map((s) => [s.uid, s]));
      expect(found).toHaveLength(4);
      for (const uid of uids) expect(byUid.get(uid)).toEqual(await store.findByUid(uid));
      expect(byUid.get(both.uid)).toMatchObject({
        email: 'batch-both@example.com',
        lists: ['daily', 'weekly'],
        categories: ['tech'],
        locale: 'ko',
        status: 'active',
        adConsent: true,
      });
      expect(byUid.get(pending.uid)).toMatchObject({
        status: 'pending',
        lists: ['weekly'],
        adConsent: false,
      });
      expect(byUid.get(left.uid)).toMatchObject({ status: 'unsubscribed', lists: ['daily'] });
      expect(byUid.get(bounced.uid)).toMatchObject({ status: 'bounced', lists: [] });
      expect(await store.findByUids([])).toEqual([]);
      expect(await store.findByUids(['no-such-uid'])).toEqual([]);
    });

    it("finds by uid past both dialects' bound-parameter limits (SQLite 32766, PostgreSQL 65535)", async () => {
      const known = (await store.subscribe(input('batch-many@example.com'))).subscriber!;
      const unknown = Array.from({ length: 70_000 }, (_, i) => `unknown-${i}`);
      // The known uid last, so it falls in a chunk after the limits would have been hit.
      const found = await store.findByUids([...unknown, known.uid]);
      expect(found.map((s) => s.email)).toEqual(['batch-many@example.com']);
    });

    it('pages through everyone, optionally by status', async () => {
      const all = await store.page({ afterId: 0, limit: 1000 });
      expect(all.subscribers.length).toBe(await store.count());
      const pending = await store.page({ afterId: 0, limit: 1000, status: 'pending' });
      expect(pending.subscribers.every((s) => s.status === 'pending')).toBe(true);
      expect(pending.subscribers.length).toBe(await store.count('pending'));
    });
  });
});
