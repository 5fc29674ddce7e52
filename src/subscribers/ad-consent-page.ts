import type { Kysely } from 'kysely';
import { adConsentDate } from './ad-consent-date.ts';
import { toConsentRecord, toSubscriber } from './row-mapping.ts';
import type { Subscriber } from './subscriber.ts';
import type { SubscriberTables } from './tables.ts';

/** One keyset page of active subscribers with ad consent, and when each gave it. */
export interface AdConsentPage {
  readers: Array<Subscriber & { adConsentSince: string }>;
  next?: number;
}

/**
 * Active subscribers with ad consent in id order, `limit` (1–5000) at a time, each with the
 * date of that consent (adConsentDate): two queries a page, whatever its size. The consent
 * notices (`gazette notices`) read the list this way.
 */
export async function adConsentPage(
  db: Kysely<SubscriberTables>,
  page: { afterId: number; limit: number },
): Promise<AdConsentPage> {
  const limit = Math.max(1, Math.min(5000, Math.floor(page.limit)));
  const rows = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('status', '=', 'active')
    .where('ad_consent', '=', 1)
    .where('id', '>', page.afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  const ids = rows.map((row) => Number(row.id));
  const consents =
    ids.length === 0
      ? []
      : await db
          .selectFrom('consents')
          .selectAll()
          .where('subscriber_id', 'in', ids)
          .orderBy('subscriber_id')
          .orderBy('id')
          .execute();
  const bySubscriber = new Map<number, ReturnType<typeof toConsentRecord>[]>();
  for (const row of consents) {
    const list = bySubscriber.get(Number(row.subscriber_id)) ?? [];
    list.push(toConsentRecord(row));
    bySubscriber.set(Number(row.subscriber_id), list);
  }
  const readers = rows.map((row) => {
    const subscriber = toSubscriber(row);
    const since = adConsentDate(bySubscriber.get(subscriber.id) ?? []) ?? subscriber.createdAt;
    return { ...subscriber, adConsentSince: since };
  });
  return { readers, next: rows.length === limit ? ids.at(-1) : undefined };
}
