import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import type { TestBrowser } from '../helpers/browser.ts';
import { createPreviewFixture } from './preview-fixture.ts';
import type { ItemFields, PreviewFixture } from './preview-fixture.ts';

const ITEM: ItemFields = {
  id: 'p1',
  date: '2026-04-10',
  title: 'Port strike ends',
  titleKo: '항만 파업 종료',
  summaryKo: '파업이 끝났습니다.',
  summaryEn: 'The strike is over.',
  categories: ['business'],
};

// Every render goes through the preview's child process on a shared machine: generous bounds.
const SLOW = 120_000;

describe('gazette preview in headless Chromium', () => {
  let fx: PreviewFixture;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    fx = await createPreviewFixture({ 'p1.md': ITEM });
    browser = await launchBrowser();
    page = await browser.browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  it(
    'opens the index, an edition, switches to 375 px and dark mode, and reads the email',
    async () => {
      await page.goto(fx.server.url, { timeout: SLOW });
      await page.getByRole('link', { name: '2026-04-10' }).click({ timeout: SLOW });
      await page.waitForURL(/\/edition\/2026-04-10/, { timeout: SLOW });

      const frame = () => page.frameLocator('[data-variant="daily.en"] iframe');
      await expect
        .poll(() => frame().locator('body').innerText({ timeout: SLOW }), { timeout: SLOW })
        .toContain('Port strike ends');
      expect(await page.locator('#live').textContent()).toBe('live');

      await page.getByRole('group', { name: 'Width' }).getByRole('link', { name: '375 px' }).click();
      await page.waitForURL(/width=375/);
      const box = await page.locator('[data-variant="daily.en"] iframe').boundingBox();
      expect(box?.width).toBe(375);

      const lightBackground = await frame()
        .locator('body')
        .evaluate((body) => getComputedStyle(body).backgroundColor);
      await page.getByRole('group', { name: 'Colours' }).getByRole('link', { name: 'Dark' }).click();
      await page.waitForURL(/scheme=dark/);
      const dark = frame().locator('body');
      await expect.poll(() => dark.innerText(), { timeout: SLOW }).toContain('Port strike ends');
      expect(await dark.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');
      const darkBackground = await dark.evaluate((body) => getComputedStyle(body).backgroundColor);
      expect(darkBackground).not.toBe(lightBackground);
      // Still 375 px: the settings live in the URL.
      expect((await page.locator('[data-variant="daily.en"] iframe').boundingBox())?.width).toBe(375);

      // The email cannot run script: its frame is sandboxed without allow-scripts.
      expect(await page.locator('[data-variant="daily.en"] iframe').getAttribute('sandbox')).not.toContain(
        'allow-scripts',
      );
    },
    SLOW,
  );

  it(
    'shows a live edit without a manual reload',
    async () => {
      await page.goto(`${fx.server.url}/edition/2026-04-10?width=600`, { timeout: SLOW });
      const body = page.frameLocator('[data-variant="daily.ko"] iframe').locator('body');
      await expect.poll(() => body.innerText(), { timeout: SLOW }).toContain('항만 파업 종료');
      await expect.poll(() => page.locator('#live').textContent(), { timeout: SLOW }).toBe('live');

      fx.writeItem('p1.md', { ...ITEM, titleKo: '항만 파업 타결, 물류 정상화' });
      await expect
        .poll(() => body.innerText().catch(() => ''), { timeout: SLOW, interval: 250 })
        .toContain('항만 파업 타결');
      expect(page.url()).toContain('/edition/2026-04-10?width=600');
    },
    SLOW,
  );

  it(
    'sends a test from the edition page: the form post is accepted and the mail arrives',
    async () => {
      await page.goto(`${fx.server.url}/edition/2026-04-10`, { timeout: SLOW });
      const panel = page.locator('[data-variant="daily.en"]');
      await panel.getByLabel('Send a test to').fill('editor@example.com', { timeout: SLOW });
      const before = fx.sink.received.length;
      await panel.getByRole('button', { name: 'Send test' }).click();
      await page.waitForURL(/notice=/, { timeout: SLOW });
      // The page the browser lands on says it went (not "Cross-site form posts are refused").
      expect(await page.locator('body').innerText()).toContain('Test of daily.en sent to editor@example.com');
      await expect.poll(() => fx.sink.received.length, { timeout: SLOW }).toBe(before + 1);
      const mail = fx.sink.received.at(-1);
      expect(mail?.envelope.to).toEqual(['editor@example.com']);
      expect(mail?.parsed.headers.get('x-gazette-preview')).toBe('test');
      expect(mail?.parsed.text).toContain('The strike is over.');
    },
    SLOW,
  );
});
