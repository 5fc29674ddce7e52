import type { Database } from '../../src/db/create-database.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { suppressionHash } from '../../src/subscribers/suppression-hash.ts';

/** Whether the suppression list holds an address (read straight from the table). */
export async function isSuppressedHash(
  database: Database<Tables>,
  email: string,
  secret?: string,
): Promise<boolean> {
  const { keyed, legacy } = suppressionHash(email, secret);
  const row = await database.db
    .selectFrom('suppressions')
    .select('reason')
    .where('email_hash', '=', keyed ?? legacy)
    .executeTakeFirst();
  return row?.reason === 'complaint';
}
