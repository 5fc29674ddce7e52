import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.ts';

export type DialectName = 'sqlite' | 'postgres';

/**
 * better-sqlite3 12 wraps its objects in node::ObjectWrap, which aborts the process on Node
 * 24.19+ when a statement is garbage-collected (nodejs/node#65446); 13 uses Node-API and ships
 * prebuilt binaries, but needs Node 22 (it crashes on 20). Same API: pick by the running Node.
 */
const require = createRequire(import.meta.url);
const Sqlite = (
  Number(process.versions.node.split('.')[0]) >= 22
    ? require('better-sqlite3-napi')
    : require('better-sqlite3')
) as typeof BetterSqlite3;

/** A Kysely over the tables `T` its user declares (each area its own; the CLI joins them). */
export interface Database<T = unknown> {
  db: Kysely<T>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface CreateDatabaseOptions {
  /** Folder that a relative sqlite: path resolves against. */
  rootDir?: string;
  /** PostgreSQL schema to use (tests use their own and drop it). */
  schema?: string;
}

/** Build the Kysely instance a DATABASE_URL names: `sqlite:PATH` or `postgres://…`. */
export function createDatabase<T>(url: string, options: CreateDatabaseOptions = {}): Database<T> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    const resolved = file === ':memory:' ? file : path.resolve(options.rootDir ?? process.cwd(), file);
    if (resolved !== ':memory:') mkdirSync(path.dirname(resolved), { recursive: true });
    const sqlite = new Sqlite(resolved);
    // WAL lets readers and one writer work at once; busy_timeout makes concurrent writers wait, not
    // fail (transactions begin IMMEDIATE so that it applies to them too: immediate-sqlite-dialect.ts).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeroes, not left in freed pages: `subscribers remove
    // --forget` must leave no copy of the address in the file (checkpoint-wal.ts empties the log).
    sqlite.pragma('secure_delete = ON');
    // better-sqlite3 builds SQLite with a 16 MB page cache (SQLite's own default is 2 MB); a send
    // to 100,000 readers filled it and it made a sixth of the process's memory. The send reads
    // through indexes; 4 MB holds their hot pages (docs/benchmarks.md, "Send").
    sqlite.pragma('cache_size = -4000');
    const db = new Kysely<T>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
