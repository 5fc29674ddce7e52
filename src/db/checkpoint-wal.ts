import { setTimeout as sleep } from 'node:timers/promises';
import { sql, SqliteAdapter } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * After an erasure on SQLite: copy the write-ahead log into the database file and empty it.
 * With `secure_delete` on (createDatabase) the erased rows are zeroes in the pages written back,
 * but the log still holds older copies of those pages until a checkpoint; TRUNCATE leaves it
 * empty. A reader in the middle of a transaction (another process) can hold the log back:
 * tried a few times, then left to SQLite's next automatic checkpoint. Returns true when the log
 * was emptied; on PostgreSQL there is nothing to do (true).
 */
export async function checkpointWal<DB>(db: Kysely<DB>): Promise<boolean> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return true;
  for (let attempt = 0; attempt < 5; attempt++) {
    const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(truncate)`.execute(db);
    if (Number(rows[0]?.busy ?? 0) === 0) return true;
    await sleep(100 * (attempt + 1));
  }
  return false;
}
