import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWebArchive } from '../../src/archive/export-web-archive.ts';
import { loadItems } from '../../src/content/load-items.ts';
import { buildEditions } from '../../src/edition/build-editions.ts';
import { launchBrowser } from '../helpers/browser.ts';
import type { TestBrowser } from '../helpers/browser.ts';
import { BIG_DAY, createArchiveFixture, futureDate } from './archive-fixture.ts';
import type { ArchiveFixture } from './archive-fixture.ts';
import { startArchiveServer } from './archive-server.ts';
import type { ArchiveServer } from './archive-server.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let fixture: ArchiveFixture;
let server: ArchiveServer;
let browser: TestBrowser;

// A day whose category label (an unknown category: its id) and headlines are long unbroken runs.
const LONG_DAY = '2025-12-15';

beforeAll(async () => {
  fixture = createArchiveFixture();
  fixture.writeItem('long/unbroken.md', {
    id: 'long-unbroken',
    date: LONG_DAY,
    titleKo: '가나다라마바사아자차'.repeat(5),
    titleEn: `https://example.com/${'y'.repeat(90)}`,
    category: '반도체공급망재편'.repeat(7),
  });
  server = await startArchiveServer(fixture, [LONG_DAY, ...fixture.pastDates]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fixture?.cleanup();
});

/** Open a page at 375 px with the server's own headers (CSP included), noting what CSP refused. */
async function open(
  url: string,
  colorScheme: 'light' | 'dark',
): Promise<{ page: Page; refused: string[]; status: number }> {
  const page = await browser.browser.newPage({ viewport: { width: 375, height: 800 } });
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  await page.emulateMedia({ colorScheme });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, refused, status: response?.status() ?? 0 };
}

/**
 * axe's violations: every rule (WCAG A/AA and best practices) unless `rules` narrows it. axe is
 * evaluated over CDP, which the page's CSP (no scripts) does not block.
 */
async function axeViolations(page: Page, rules?: string[]): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (only) => {
    type Result = { violations: { id: string; nodes: { target: unknown }[] }[] };
    const axe = (window as unknown as { axe: { run: (options?: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(
      only === undefined ? undefined : { runOnly: { type: 'rule', values: only } },
    );
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  }, rules);
}

describe('the live archive in headless Chromium at 375 px', () => {
  it.each([
    ['archive', '/archive', 200],
    ['archive page 2', '/archive?page=2', 200],
    ['edition, both', `/archive/${BIG_DAY}?lang=both`, 200],
    ['edition, ko', `/archive/${BIG_DAY}?lang=ko`, 200],
    ['edition, en', `/archive/${BIG_DAY}?lang=en`, 200],
    ['edition with long unbroken runs', `/archive/${LONG_DAY}?lang=both`, 200],
    ['404', `/archive/${futureDate()}`, 404],
  ] as const)(
    '%s: no horizontal overflow, no axe violation, no CSP refusal, in light and dark',
    async (name, target, expected) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const label = `${name} (${colorScheme})`;
        const { page, refused, status } = await open(`${server.base}${target}`, colorScheme);
        try {
          expect(status, label).toBe(expected);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow, label).toBeLessThanOrEqual(0);
          // Dark mode changes colours only: contrast is what it can break.
          expect(
            await axeViolations(page, colorScheme === 'dark' ? ['color-contrast'] : undefined),
            label,
          ).toEqual([]);
          expect(refused, label).toEqual([]);
        } finally {
          await page.close();
        }
      }
    },
    // Full axe runs over a 60-item page take seconds each on two shared cores.
    120_000,
  );

  it('the inline styles apply under the archive CSP (the page is styled, not bare)', async () => {
    const { page } = await open(`${server.base}/archive/${BIG_DAY}`, 'light');
    try {
      // The digest's colours are inline style attributes, which a style-src 'self' policy drops:
      // every inline `color:#rrggbb` must be the computed colour.
      const mismatches = await page.evaluate(() => {
        const rgb = (hex: string) =>
          `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
        const styled = [...document.querySelectorAll<HTMLElement>('main [style*="color:#"]')];
        const checked = styled.flatMap((element) => {
          const hex = /(?:^|;)\s*color:\s*(#[0-9a-f]{6})/i.exec(element.getAttribute('style') ?? '')?.[1];
          return hex === undefined ? [] : [{ want: rgb(hex), got: getComputedStyle(element).color }];
        });
        return { checked: checked.length, wrong: checked.filter((c) => c.want !== c.got) };
      });
      expect(mismatches.checked).toBeGreaterThan(10);
      expect(mismatches.wrong).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the static export behind any static file server', () => {
  let staticServer: Server;
  let base = '';

  beforeAll(async () => {
    const app = new Hono();
    const holder = { root: '' };
    app.use('*', (c, next) => serveStatic({ root: holder.root })(c, next));
    staticServer = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) =>
      staticServer.listening ? resolve() : staticServer.once('listening', () => resolve()),
    );
    base = `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}`;
    const config = fixture.config(base);
    holder.root = config.outDir;
    const { items } = await loadItems(config.contentDir);
    const editions = buildEditions(items, config);
    await exportWebArchive({ config, editions, dates: [BIG_DAY, '2026-01-05'] });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => staticServer.close(() => resolve()));
  });

  it("an email's overflow link (/archive/DATE?lang=ko#item-…) lands on the item in the Korean file", async () => {
    const id = fixture.bigDayIds.at(-1) ?? '';
    const { page } = await open(`${base}/archive/${BIG_DAY}?lang=ko#item-${encodeURIComponent(id)}`, 'light');
    try {
      await page.waitForURL(/\/web\/ko\.html#item-/);
      expect(new URL(page.url()).pathname).toBe(`/${BIG_DAY}/web/ko.html`);
      expect(await page.evaluate((anchor) => document.getElementById(anchor) !== null, `item-${id}`)).toBe(
        true,
      );
      // The browser scrolled to the anchor: the last item is far down the page.
      await page.waitForFunction(() => window.scrollY > 1000);
    } finally {
      await page.close();
    }
  });

  it('the archive index leads to an edition and back, with no horizontal overflow or axe violation', async () => {
    const { page } = await open(`${base}/archive/`, 'light');
    try {
      expect(await axeViolations(page)).toEqual([]);
      await page.click(`a[href="../${BIG_DAY}/web/index.html"]`);
      await page.waitForURL(`${base}/${BIG_DAY}/web/index.html`);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      await page.click('nav a[href="../../archive/index.html"]');
      await page.waitForURL(`${base}/archive/index.html`);
    } finally {
      await page.close();
    }
  });
});
