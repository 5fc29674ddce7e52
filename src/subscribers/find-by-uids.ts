import type { Kysely } from 'kysely';
import type { SubscriberTables } from './tables.ts';
import { toSubscriber } from './row-mapping.ts';
import type { Subscriber } from './subscriber.ts';

/**
 * Uids per `where uid in (…)`: well under SQLite's bound-parameter limit (999 before 3.32,
 * 32766 since) and PostgreSQL's 65535, so a caller may pass any number.
 */
const CHUNK = 500;

/**
 * The subscribers with these uids as of now, one query per 500 uids (lists and categories are
 * columns of the row, so nothing more is fetched). Unknown uids are left out; duplicates count
 * once; the order is unspecified.
 */
export async function findByUids(
  db: Kysely<SubscriberTables>,
  uids: readonly string[],
): Promise<Subscriber[]> {
  const unique = [...new Set(uids)];
  const found: Subscriber[] = [];
  for (let start = 0; start < unique.length; start += CHUNK) {
    const rows = await db
      .selectFrom('subscribers')
      .selectAll()
      .where('uid', 'in', unique.slice(start, start + CHUNK))
      .execute();
    found.push(...rows.map(toSubscriber));
  }
  return found;
}
