import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import type { TestBrowser } from '../helpers/browser.ts';
import { spawnGazette } from './cli-harness.ts';
import type { GazetteChild } from './cli-harness.ts';
import {
  BIN,
  firstDayEnv,
  IMPORTED_PEOPLE,
  parsePeople,
  readOutbox,
  recipientOf,
  runToEnd,
  writeFirstDayLists,
} from './first-day-harness.ts';

// Every step is a real process on a shared two-core machine, the preview renders in a child of
// its own: generous, but bounded, waits.
const SLOW = 90_000;
const READER = 'web.reader@example.com';

/**
 * Issue 15's process test: from an empty temporary folder, with the checkout's CLI run by its
 * path and nothing installed in the folder, `init` → `check` → `build` → `preview` (Chromium opens
 * the edition, clicks "Send test", the mail lands in the outbox) → `serve --dev` (Chromium: the
 * home page, subscribe with its form, the confirmation link from the outbox, the button) →
 * `subscribers import` of the CSVs people have → `send`: one mail to each of the four readers.
 */
describe('the first day, in processes and a browser', () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'gazette-first-day-browser-'));
  const dir = path.join(parent, 'our-news');
  const env = firstDayEnv();
  // What spawnGazette lays over this process's environment: firstDayEnv's choices.
  const childEnv = {
    GAZETTE_SECRET: env.GAZETTE_SECRET,
    DATABASE_URL: undefined,
    SMTP_URL: undefined,
    GAZETTE_PUBLIC_URL: undefined,
  };
  const gazette = (...args: string[]) => runToEnd(BIN, args, dir, env);
  const children: GazetteChild[] = [];
  /** A long-running command in the folder; killed in afterAll whatever happens. */
  const start = (...args: string[]) => {
    const child = spawnGazette(args, { cwd: dir, env: childEnv });
    children.push(child);
    return child;
  };
  /** The first `http://127.0.0.1:PORT` a child prints after `prefix`, once it has printed it. */
  const addressOf = async (child: GazetteChild, prefix: string) => {
    const pattern = new RegExp(`${prefix} (http://127\\.0\\.0\\.1:\\d+)`);
    await expect.poll(() => child.stdout, { timeout: SLOW, interval: 100 }).toMatch(pattern);
    return pattern.exec(child.stdout)![1]!;
  };
  /** The mails in an outbox folder once there are `count`, parsed. */
  const outbox = async (folder: string, count: number): Promise<ParsedMail[]> => {
    const where = path.join(dir, 'outbox', folder);
    await expect
      .poll(() => (existsSync(where) ? readdirSync(where).filter((f) => f.endsWith('.eml')).length : 0), {
        timeout: SLOW,
        interval: 100,
      })
      .toBe(count);
    return readOutbox(where);
  };
  let chromium: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    chromium = await launchBrowser();
    page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => child.exited(30_000).catch(() => child.kill('SIGKILL'))));
    await chromium?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it(
    'init → check → build → preview (Send test) → serve (subscribe, confirm) → import → send',
    async () => {
      expect((await runToEnd(BIN, ['init', dir], parent, env)).code).toBe(0);
      expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
      const today = readdirSync(path.join(dir, 'content'))[0] ?? '';

      expect(await gazette('check')).toMatchObject({
        code: 0,
        stdout: '2 files: 2 valid, 0 with errors (0 errors, 0 warnings)\n',
      });
      const build = await gazette('build', '--date', today);
      expect(build.code, build.stderr).toBe(0);
      expect(existsSync(path.join(dir, 'dist', today, 'daily.en.html'))).toBe(true);

      // The editors' preview: open the day's edition, send a test of the English email.
      const preview = start('preview', '--port', '0');
      const previewUrl = await addressOf(preview, 'Preview at');
      await page.goto(previewUrl, { timeout: SLOW });
      await page.getByRole('link', { name: today }).click({ timeout: SLOW });
      await page.waitForURL(new RegExp(`/edition/${today}`), { timeout: SLOW });
      const panel = page.locator('[data-variant="daily.en"]');
      await panel.getByLabel('Send a test to').fill('editor@example.com', { timeout: SLOW });
      await panel.getByRole('button', { name: 'Send test' }).click();
      await page.waitForURL(/notice=/, { timeout: SLOW });
      expect(await page.locator('body').innerText()).toContain('Test of daily.en sent to editor@example.com');
      const [test] = await outbox('preview', 1);
      expect(recipientOf(test!)).toBe('editor@example.com');
      expect(test!.subject).toContain('Our Newsletter');
      expect(test!.text).toContain('Your first item: edit this file');
      preview.kill('SIGINT');
      expect((await preview.exited(SLOW)).code, preview.stderr).toBe(0);

      // The readers' web app: the home page, its form, the link from the confirmation mail.
      const serve = start('serve', '--dev', '--port', '0');
      const base = await addressOf(serve, 'listening on');
      await page.goto(`${base}/`, { timeout: SLOW });
      expect(await page.locator('h1').innerText()).toContain('Our Newsletter');
      expect(await page.locator('body').innerText()).toContain('The news that matters, every morning');
      await page.getByLabel('Email address').fill(READER);
      await page.getByLabel('Name (optional)').fill('Web Reader');
      await page.locator('input[name="locale"][value="en"]').check();
      await page.getByLabel('Technology').check();
      await page.getByRole('button', { name: /Subscribe/ }).click();
      await expect
        .poll(() => page.locator('h1').innerText(), { timeout: SLOW })
        .toContain('Check your inbox');
      const [confirmation] = await outbox('transactional', 1);
      expect(recipientOf(confirmation!)).toBe(READER);
      // serve --dev with no public URL: the mail links to the port it really listens on.
      const link = new RegExp(`${base.replace(/[.]/g, '\\.')}/confirm/[A-Za-z0-9_.-]+`).exec(
        confirmation!.text ?? '',
      )?.[0];
      expect(link, confirmation!.text).toBeDefined();
      await page.goto(link!, { timeout: SLOW });
      expect(await page.locator('h1').innerText()).toContain('Confirm your subscription');
      await page.getByRole('button', { name: /Confirm subscription/ }).click();
      await expect
        .poll(() => page.locator('h1').innerText(), { timeout: SLOW })
        .toContain('Subscription confirmed');
      // One access line per request, by route pattern: never the token or the address.
      expect(serve.stdout).toMatch(/^POST \/confirm\/:token 200 /m);
      expect(serve.stdout).not.toContain(link!.split('/confirm/')[1]!);
      expect(serve.stdout).not.toContain(READER);
      serve.kill('SIGTERM');
      expect((await serve.exited(SLOW)).code, serve.stderr).toBe(0);

      // The lists people have, next to the reader who signed up on the web.
      for (const file of writeFirstDayLists(dir)) {
        const imported = await gazette('subscribers', 'import', file, '--confirmed');
        expect(imported.code, imported.stderr).toBe(0);
        expect(imported.stdout).toContain('1 added');
      }
      const people = parsePeople((await gazette('subscribers', 'list', '--json')).stdout);
      expect(people).toEqual([
        { email: READER, name: 'Web Reader', status: 'active', locale: 'en', categories: ['tech'] },
        ...IMPORTED_PEOPLE.map((person) => ({ ...person, status: 'active' })),
      ]);

      const send = await gazette('send');
      expect(send.code, send.stderr).toBe(0);
      const mails = await outbox(today, 4);
      expect(mails.map(recipientOf).sort()).toEqual([...people.map((p) => p.email)].sort());
      const to = (email: string) => mails.find((mail) => recipientOf(mail) === email);
      expect(to(READER)?.subject).toContain('Our Newsletter');
      expect(to('song@example.com')?.subject).toContain('우리 뉴스레터');
      expect(to(READER)?.text).toContain('Your first item: edit this file');
    },
    6 * SLOW,
  );
});
