import type { Database } from '../../src/db/create-database.ts';
import { suppressionHash } from '../../src/subscribers/suppression-hash.ts';

/** Whether the suppression list holds an address (read straight from the table). */
export async function isSuppressedHash(database: Database, email: string): Promise<boolean> {
  const row = await database.db
    .selectFrom('suppressions')
    .select('reason')
    .where('email_hash', '=', suppressionHash(email))
    .executeTakeFirst();
  return row?.reason === 'complaint';
}
