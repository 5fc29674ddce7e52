import type { Kysely } from 'kysely';
import type { DeliveryTables } from './tables.ts';

/** An (edition date, list) the ledger has rows for, and when it was first planned (epoch ms). */
export interface PlannedEdition {
  date: string;
  listId: string;
  plannedAt: number;
}

/** Every (date, list) the ledger holds, oldest first: one grouped scan of the claim index. */
export async function plannedEditions(db: Kysely<DeliveryTables>): Promise<PlannedEdition[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select((eb) => ['edition', 'list_id', eb.fn.min('created_at').as('planned_at')])
    .groupBy(['edition', 'list_id'])
    .orderBy('edition')
    .orderBy('list_id')
    .execute();
  return rows.map((row) => ({ date: row.edition, listId: row.list_id, plannedAt: Number(row.planned_at) }));
}
