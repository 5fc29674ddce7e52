import { CompiledQuery, SqliteDialect, SqliteDriver } from 'kysely';
import type { DatabaseConnection, Driver, SqliteDialectConfig } from 'kysely';

/**
 * Kysely's SQLite dialect, except that every transaction begins with `BEGIN IMMEDIATE`.
 *
 * Kysely opens SQLite transactions with a plain `BEGIN` (deferred): the write lock is taken at
 * the first write. A transaction that reads first and then writes (subscribe, unsubscribe,
 * forget) cannot upgrade once another process (`send` next to `serve`) has committed since its
 * read: SQLite answers SQLITE_BUSY at once, without waiting for busy_timeout, because waiting
 * could not help (the snapshot is stale). `BEGIN IMMEDIATE` takes the write lock up front, where
 * busy_timeout does apply, so concurrent writers queue instead of failing. Every transaction in
 * Gazette writes, so none pays for a lock it does not need. Single statements outside a
 * transaction take the write lock when they start and need nothing more.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
