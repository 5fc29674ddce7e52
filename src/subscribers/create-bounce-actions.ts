import type { Kysely } from 'kysely';
import { suppressionHash } from './suppression-hash.ts';
import type { SubscriberTables } from './tables.ts';

/** What bounces and complaints change; inbound/ declares the same shape (InboundSubscribers). */
export interface BounceActions {
  markBounced(subscriberId: number, now: Date): Promise<boolean>;
  markComplained(subscriberId: number, now: Date): Promise<boolean>;
}

/**
 * Bounces and complaints (issue 13) applied to subscribers. Only an `active` or `pending`
 * subscriber changes: someone who unsubscribed stays unsubscribed (a complaint still suppresses).
 */
/** `secret` keys the suppression entry of a complainer as the store does (suppression-hash.ts). */
export function createBounceActions(db: Kysely<SubscriberTables>, secret?: string): BounceActions {
  return {
    async markBounced(subscriberId, now) {
      const result = await db
        .updateTable('subscribers')
        .set({ status: 'bounced', updated_at: now.toISOString() })
        .where('id', '=', subscriberId)
        .where('status', 'in', ['active', 'pending'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async markComplained(subscriberId, now) {
      const at = now.toISOString();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('subscribers')
          .select(['email', 'status'])
          .where('id', '=', subscriberId)
          .executeTakeFirst();
        if (row === undefined) return false;
        // As the one-click POST does: the consent record keeps when and how it was withdrawn.
        const consent = await trx
          .selectFrom('consents')
          .select('id')
          .where('subscriber_id', '=', subscriberId)
          .orderBy('id', 'desc')
          .executeTakeFirst();
        if (consent !== undefined && (row.status === 'active' || row.status === 'pending')) {
          await trx
            .updateTable('consents')
            .set({ unsubscribed_at: at, unsubscribe_source: 'complaint' })
            .where('id', '=', consent.id)
            .execute();
        }
        // Suppressed: no import or CLI re-adds a complainer; only their own confirmed sign-up does.
        await trx
          .insertInto('suppressions')
          .values({ email_hash: keyOf(row.email, secret), reason: 'complaint', created_at: at })
          .onConflict((oc) => oc.column('email_hash').doNothing())
          .execute();
        const changed = await trx
          .updateTable('subscribers')
          .set({ status: 'complained', updated_at: at })
          .where('id', '=', subscriberId)
          .where('status', 'in', ['active', 'pending'])
          .executeTakeFirst();
        return Number(changed.numUpdatedRows) > 0;
      });
    },
  };
}

function keyOf(email: string, secret: string | undefined): string {
  const { keyed, legacy } = suppressionHash(email, secret);
  return keyed ?? legacy;
}
