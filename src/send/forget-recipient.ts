import type { Kysely, Transaction } from 'kysely';
import type { DeliveryTables } from './tables.ts';

/** Who to erase from the ledger: the store's public reference, and the address itself. */
export interface ForgetTarget {
  /** The subscriber's `uid` (the ledger's `subscriber_ref`), when the store still knew it. */
  ref?: string;
  /** The normalized address; also catches rows of a subscriber the store has already erased. */
  email: string;
}

/**
 * GDPR Art. 17 for the delivery ledger: blank the address, the name and the server's reply
 * (an SMTP reply or outbox file name often quotes the address) of every row of this recipient.
 * Ids, edition, status and counts stay, so the ledger still adds up and a re-run does not mail
 * the row again; rows not yet sent are closed as skipped. Returns the rows erased. Pass a
 * transaction to join the erasure of the subscriber records (subscribers remove --forget does).
 */
export async function forgetRecipient(
  db: Kysely<DeliveryTables> | Transaction<DeliveryTables>,
  target: ForgetTarget,
): Promise<number> {
  const mine = db.updateTable('deliveries').where((eb) => {
    const matches = [eb('email', '=', target.email)];
    if (target.ref !== undefined) matches.push(eb('subscriber_ref', '=', target.ref));
    return eb.or(matches);
  });
  const now = Date.now();
  // Not attempted yet: nothing may go to this address any more (a claimed row is in flight and
  // finishes on its own; its claim-time re-check already found nobody if it started after this).
  await mine
    .where('status', 'in', ['pending', 'deferred'])
    .set({ status: 'skipped', updated_at: now })
    .execute();
  const erased = await mine
    .set({ email: '', name: null, response: null, updated_at: now })
    .executeTakeFirst();
  return Number(erased.numUpdatedRows);
}
