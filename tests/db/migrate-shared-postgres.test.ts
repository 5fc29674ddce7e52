import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { DIALECTS, POSTGRES_URL } from '../helpers/databases.ts';

const postgres = DIALECTS.find((d) => d.name === 'postgres')!;

/**
 * A PostgreSQL shared with others (the test database, or an application's) has schemas coming
 * and going. Kysely's look for its migration table reads every schema's tables; one dropped
 * meanwhile made our migration fail with "schema … does not exist" though ours was there.
 */
describe.skipIf(!postgres.available)('migrating on a PostgreSQL where other schemas come and go', () => {
  it('every migration succeeds while another client creates and drops schemas', async () => {
    const churn = new pg.Client({ connectionString: POSTGRES_URL });
    await churn.connect();
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    let migrating = true;
    let churned = 0;
    const churning = (async () => {
      for (let i = 0; migrating && i < 20_000; i++) {
        const name = `gazette_churn_${randomBytes(4).toString('hex')}`;
        await churn.query(`CREATE SCHEMA ${name}`);
        await churn.query(`CREATE TABLE ${name}.t (id serial primary key, a text, b text, c text)`);
        await churn.query(`DROP SCHEMA ${name} CASCADE`);
        churned++;
      }
    })();
    const failures: string[] = [];
    try {
      for (let i = 0; i < 12; i++) {
        const schema = `gazette_test_${randomBytes(6).toString('hex')}`;
        await admin.query(`CREATE SCHEMA ${schema}`);
        const database = createDatabase<Tables>(POSTGRES_URL, { schema });
        try {
          await migrate(database, gazetteMigrations);
        } catch (error) {
          failures.push((error as Error).message);
        } finally {
          await database.close();
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        }
      }
    } finally {
      migrating = false;
      await churning;
      await churn.end();
      await admin.end();
    }
    expect(churned).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 180_000);
});
