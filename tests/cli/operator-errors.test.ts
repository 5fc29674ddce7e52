import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { testConfigFile } from '../fixtures/test-config.ts';
import { writeItem } from '../fixtures/write-item.ts';
import { DIALECTS, POSTGRES_URL } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { cliWorkspace, spawnGazette } from './cli-harness.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
const postgres = DIALECTS.find((d) => d.name === 'postgres')!;
const pgHost = new URL(POSTGRES_URL).host;

/** Issue 11 part 6 and issue 15: an operator's mistake is one line that names it, never a stack. */
describe('operator mistakes are one line, without a stack or a password', () => {
  let database: TestDatabase;
  let cli: ReturnType<typeof cliWorkspace>;
  beforeAll(async () => {
    database = await sqlite.create();
    cli = cliWorkspace(database);
  });
  afterAll(async () => {
    cli.cleanup();
    await database.cleanup();
  });

  const oneLine = (text: string) => {
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).not.toMatch(/unexpected error|\n\s+at /);
  };

  it.skipIf(!postgres.available)('a missing role, a missing database, a closed port', async () => {
    const role = await cli.run(['subscribers', 'count'], {
      DATABASE_URL: `postgres://nobody:hunter2secret@${pgHost}/nope`,
    });
    expect(role.code).toBe(1);
    oneLine(role.err);
    expect(role.err).toMatch(/^gazette: The database refused the login \(role "nobody" does not exist\)/);
    expect(role.err).not.toContain('hunter2secret');

    const missing = await cli.run(['subscribers', 'count'], {
      DATABASE_URL: `postgres://postgres:hunter2secret@${pgHost}/gazette_no_such_db`,
    });
    oneLine(missing.err);
    expect(missing.err).toContain('The database in DATABASE_URL does not exist');
    expect(missing.err).not.toContain('hunter2secret');

    // Port 1 on this machine: nothing listens there.
    const closed = await cli.run(['subscribers', 'list'], {
      DATABASE_URL: 'postgres://postgres:pw@127.0.0.1:1/x',
    });
    expect(closed.code).toBe(1);
    oneLine(closed.err);
    expect(closed.err).toContain('The database server at 127.0.0.1:1 refuses connections');
  });

  it('an --out that cannot be written', async () => {
    writeFileSync(cli.file('a-file'), 'not a folder');
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-out-'));
    try {
      writeItem(dir, 'a', '2026-03-02');
      const result = await cli.run([
        'build',
        '--all',
        '--content',
        dir,
        '--out',
        path.join(cli.file('a-file'), 'x'),
      ]);
      expect(result.code).toBe(1);
      expect(result.err.trim().split('\n').at(-1)).toMatch(
        /^gazette: Cannot mkdir .*a-file\/x\/2026-03-02: part of that path is a file, not a folder\. Choose another folder \(for example --out\)\.$/,
      );
      expect(result.err).not.toMatch(/unexpected error|\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`subscribers list | head` ends quietly (EPIPE), exit 0', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-epipe-'));
    try {
      const url = `sqlite:${path.join(dir, 'many.db')}`;
      const db = createDatabase<Tables>(url);
      await migrate(db, gazetteMigrations);
      const rows = Array.from({ length: 3000 }, (_, i) => ({
        email: `reader${i}@example.com`,
        name: `Reader ${i}`,
        locale: 'en' as const,
        categories: [],
        lists: ['daily'],
        consent: { source: 'import' as const, version: 'v1' },
        confirmed: true,
      }));
      await createKyselyStore(db.db).importBatch(rows);
      await db.close();
      writeFileSync(path.join(dir, 'gazette.config.json'), JSON.stringify(testConfigFile()));
      const child = spawnGazette(['subscribers', 'list'], { cwd: dir, env: { DATABASE_URL: url } });
      // Like head: read the first lines, then close the pipe.
      await child.until(() => child.stdout.split('\n').length > 10, 30_000);
      child.closeStdout();
      const exit = await child.exited(30_000);
      expect(child.stderr).toBe('');
      expect(exit).toEqual({ code: 0, signal: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
