import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BIN,
  firstDayEnv,
  IMPORTED_PEOPLE,
  parsePeople,
  readOutbox,
  recipientOf,
  ROOT,
  runToEnd,
  writeFirstDayLists,
} from './first-day-harness.ts';

/**
 * Issue 15, "An operator's and an editor's first day", as processes from an empty folder outside
 * the repository: init → check by the CLI's path (nothing installed) → npm install <checkout> (as
 * the README says) → check → build → import the lists people really have → send to the outbox.
 * The same day with the preview and the web app in Chromium: first-day-browser.test.ts.
 */
describe('a newsletter of your own, from an empty folder', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'gazette-first-day-'));
  const dir = path.join(parent, 'our-news');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));
  const env = firstDayEnv();
  /** `npx gazette …` in the new folder: the CLI that npm install linked there. */
  const gazette = (...args: string[]) =>
    runToEnd(path.join(dir, 'node_modules', 'gazette', 'bin', 'gazette.js'), args, dir, env);

  it('init writes the folder; check, build, import and send work from it', async () => {
    const init = await runToEnd(BIN, ['init', dir], parent, env);
    expect(init.stdout).toContain('Created');
    for (const file of ['gazette.config.ts', 'package.json', '.gitignore', 'README.md']) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
    }
    expect(readFileSync(path.join(dir, 'gazette.config.ts'), 'utf8')).toContain(
      "import { defineConfig } from 'gazette';",
    );
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(`npm install ${ROOT}`);
    // A second init into the same folder refuses and leaves it alone.
    expect(await runToEnd(BIN, ['init', dir], parent, env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('already exists and is not empty'),
    });

    // With nothing installed in the folder, the checkout's CLI run by its path reads the config:
    // its `import { defineConfig } from 'gazette'` is the running CLI's own package.
    expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    expect((await runToEnd(BIN, ['check'], dir, env)).stdout).toBe(
      '2 files: 2 valid, 0 with errors (0 errors, 0 warnings)\n',
    );

    // What the README says: link the checkout (offline: a folder path never asks the registry).
    await promisify(execFile)('npm', ['install', '--offline', '--no-audit', '--no-fund', ROOT], {
      cwd: dir,
      env,
    });
    expect(readFileSync(path.join(dir, 'node_modules', 'gazette', 'package.json'), 'utf8')).toContain(
      '"name": "gazette"',
    );

    const check = await gazette('check');
    expect(check).toMatchObject({
      code: 0,
      stdout: '2 files: 2 valid, 0 with errors (0 errors, 0 warnings)\n',
    });

    const today = readdirSync(path.join(dir, 'content'))[0] ?? '';
    const build = await gazette('build', '--date', today);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toContain(`${today}: 2 items in 2 sections`);
    expect(existsSync(path.join(dir, 'dist', today, 'daily.ko.html'))).toBe(true);

    for (const file of writeFirstDayLists(dir)) {
      const imported = await gazette('subscribers', 'import', file, '--confirmed');
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toBe(
        '1 row: 1 added, 0 merged into existing, 0 suppressed (forgotten), 0 skipped as invalid.\n',
      );
    }
    const list = await gazette('subscribers', 'list', '--json');
    expect(parsePeople(list.stdout).map(({ status: _, ...person }) => person)).toEqual(IMPORTED_PEOPLE);

    const send = await gazette('send');
    expect(send.code, send.stderr).toBe(0);
    const mails = await readOutbox(path.join(dir, 'outbox', today));
    const byRecipient = new Map(mails.map((mail) => [recipientOf(mail), mail]));
    expect([...byRecipient.keys()].sort()).toEqual([
      'emma@example.com',
      'han@example.com',
      'song@example.com',
    ]);
    expect(byRecipient.get('song@example.com')?.subject).toContain('우리 뉴스레터');
    expect(byRecipient.get('emma@example.com')?.subject).toContain('Our Newsletter');
  }, 120_000);
});
