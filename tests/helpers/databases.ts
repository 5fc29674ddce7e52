import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase } from '../../src/db/create-database.ts';
import type { Database } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { assertIntegration } from './assert-integration.ts';
import { inCi } from './in-ci.ts';

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  database: Database<Tables>;
  /** A DATABASE_URL for a child process to reach the same data. */
  url: string;
  /** PostgreSQL schema (search_path) the child must use, if any. */
  schema?: string;
  cleanup(): Promise<void>;
}

export interface DialectSetup {
  name: 'sqlite' | 'postgres';
  /** False when the server is unreachable outside CI: the suite is skipped with a message. */
  available: boolean;
  create(): Promise<TestDatabase>;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

assertIntegration('tests/helpers/databases.ts');
const pgUp = await postgresReachable();
if (!pgUp) {
  // In CI a skipped PostgreSQL suite is a failure: every store test file fails to load.
  if (inCi())
    throw new Error(`PostgreSQL is unreachable at ${POSTGRES_URL}; CI requires it (set TEST_POSTGRES_URL).`);
  console.warn(`PostgreSQL is unreachable at ${POSTGRES_URL}: PostgreSQL store tests are skipped.`);
}

/** Every store test runs once per dialect, the kysely way: `describe.each(DIALECTS)`. */
export const DIALECTS: DialectSetup[] = [
  {
    name: 'sqlite',
    available: true,
    async create() {
      const dir = mkdtempSync(path.join(tmpdir(), 'gazette-db-'));
      const url = `sqlite:${path.join(dir, 'test.db')}`;
      const database = createDatabase<Tables>(url);
      await migrate(database, gazetteMigrations);
      return {
        database,
        url,
        cleanup: async () => {
          await database.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    available: pgUp,
    async create() {
      const schema = `gazette_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const database = createDatabase<Tables>(POSTGRES_URL, { schema });
      await migrate(database, gazetteMigrations);
      return {
        database,
        url: POSTGRES_URL,
        schema,
        cleanup: async () => {
          await database.close();
          const client = new pg.Client({ connectionString: POSTGRES_URL });
          await client.connect();
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
          await client.end();
        },
      };
    },
  },
];
