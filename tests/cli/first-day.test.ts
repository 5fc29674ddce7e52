import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'first-day-secret-0123456789abcdefghijklmnop';

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
  // The defaults a newcomer has: no DATABASE_URL, SMTP_URL or public URL; a secret as the README says.
  const env: NodeJS.ProcessEnv = { ...process.env, GAZETTE_SECRET: SECRET };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.GAZETTE_PUBLIC_URL;
  /** `npx gazette …` in the new folder: the CLI that npm install linked there. */
  const gazette = async (...args: string[]) => {
    const bin = path.join(dir, 'node_modules', 'gazette', 'bin', 'gazette.js');
    try {
      const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: dir, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('init writes the folder; check, build, import and send work from it', async () => {
    const init = await run(process.execPath, [path.join(ROOT, 'bin', 'gazette.js'), 'init', dir], {
      cwd: parent,
      env,
    });
    expect(init.stdout).toContain('Created');
    for (const file of ['gazette.config.ts', 'package.json', '.gitignore', 'README.md']) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
    }
    expect(readFileSync(path.join(dir, 'gazette.config.ts'), 'utf8')).toContain(
      "import { defineConfig } from 'gazette';",
    );
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(`npm install ${ROOT}`);
    // A second init into the same folder refuses and leaves it alone.
    await expect(
      run(process.execPath, [path.join(ROOT, 'bin', 'gazette.js'), 'init', dir], { cwd: parent, env }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('already exists and is not empty') });

    // With nothing installed in the folder, the checkout's CLI run by its path reads the config:
    // its `import { defineConfig } from 'gazette'` is the running CLI's own package.
    expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    const byPath = await run(process.execPath, [path.join(ROOT, 'bin', 'gazette.js'), 'check'], {
      cwd: dir,
      env,
    });
    expect(byPath.stdout).toBe('2 files: 2 valid, 0 with errors (0 errors, 0 warnings)\n');

    // What the README says: link the checkout (offline: a folder path never asks the registry).
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', ROOT], { cwd: dir, env });

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

    // The lists people have: Excel "CSV UTF-8" (BOM), Korean Excel (CP949, Korean headers), semicolons.
    writeFileSync(
      path.join(dir, 'excel-utf8.csv'),
      '\ufeffEmail,Name,Language,Topics\nemma@example.com,Emma Jones,en,"tech, business"\n',
    );
    writeFileSync(
      path.join(dir, 'excel-korean.csv'),
      iconv.encode('이메일,이름,언어,관심사\r\nsong@example.com,송지호,한국어,기술\r\n', 'cp949'),
    );
    writeFileSync(
      path.join(dir, 'semicolons.csv'),
      'email;name;locale;categories\nhan@example.com;한지우;bilingual;\n',
    );
    for (const file of ['excel-utf8.csv', 'excel-korean.csv', 'semicolons.csv']) {
      const imported = await gazette('subscribers', 'import', file, '--confirmed');
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toBe(
        '1 row: 1 added, 0 merged into existing, 0 suppressed (forgotten), 0 skipped as invalid.\n',
      );
    }
    const list = await gazette('subscribers', 'list', '--json');
    const people = list.stdout
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { email: string; name: string; locale: string; categories: string[] },
      );
    expect(
      people.map(({ email, name, locale, categories }) => ({ email, name, locale, categories })),
    ).toEqual([
      { email: 'emma@example.com', name: 'Emma Jones', locale: 'en', categories: ['business', 'tech'] },
      { email: 'song@example.com', name: '송지호', locale: 'ko', categories: ['tech'] },
      { email: 'han@example.com', name: '한지우', locale: 'bilingual', categories: [] },
    ]);

    const send = await gazette('send');
    expect(send.code, send.stderr).toBe(0);
    const outbox = path.join(dir, 'outbox', today);
    const mails = await Promise.all(
      readdirSync(outbox).map(async (file) => simpleParser(readFileSync(path.join(outbox, file)))),
    );
    const byRecipient = new Map(
      mails.map((mail) => [mail.to && 'text' in mail.to ? mail.to.text : '', mail]),
    );
    expect([...byRecipient.keys()].sort()).toEqual([
      'emma@example.com',
      'han@example.com',
      'song@example.com',
    ]);
    expect(byRecipient.get('song@example.com')?.subject).toContain('우리 뉴스레터');
    expect(byRecipient.get('emma@example.com')?.subject).toContain('Our Newsletter');
  }, 120_000);
});
