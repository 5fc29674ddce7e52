import type { Delivery } from './ledger.ts';
import type { SubscriberSource } from './subscriber-source.ts';

/**
 * The claimed rows whose subscriber may still get this edition: active, on the list, and
 * consenting to advertising when the row's segment gets a sponsored item.
 */
export async function stillWanted(
  source: SubscriberSource,
  rows: Delivery[],
  listId: string,
  advertising: (segment: string) => boolean,
): Promise<Set<number>> {
  // One look-up for the whole batch, not one query per row.
  const found = await source.findByUids(rows.map((row) => row.subscriber_ref));
  const current = new Map(found.map((subscriber) => [subscriber.uid, subscriber]));
  const wanted = new Set<number>();
  for (const row of rows) {
    const subscriber = current.get(row.subscriber_ref);
    if (
      subscriber !== undefined &&
      subscriber.status === 'active' &&
      subscriber.lists.includes(listId) &&
      (!advertising(row.segment) || subscriber.adConsent)
    ) {
      wanted.add(row.id);
    }
  }
  return wanted;
}
