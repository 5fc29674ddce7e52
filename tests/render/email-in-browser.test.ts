import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/locale.ts';
import { personalize } from '../../src/render/personalize.ts';
import { renderDigest } from '../../src/render/render-digest.ts';
import { colors } from '../../emails/components/theme.ts';
import { launchBrowser } from '../helpers/browser.ts';
import type { TestBrowser } from '../helpers/browser.ts';
import { editorialEdition } from '../fixtures/render/editorial-day.ts';
import { makeEdition, makeStory } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const LIGHT_RULE = rgb(colors.rule);
const DARK_RULE = rgb(colors.dark.rule);
const list = config.lists[0]!;
// A category the config does not list: its id is its label, one unbroken run of Hangul.
const LONG_CATEGORY = '반도체공급망재편'.repeat(7);
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Screenshots are kept for a human to look at; the path is printed once.
const SHOTS = mkdtempSync(path.join(tmpdir(), 'gazette-render-shots-'));

let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchBrowser();
  console.info(`render screenshots: ${SHOTS}`);
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LOCALES)('%s in real Chromium', (locale) => {
  let html = '';
  beforeAll(async () => {
    const items = [
      ...Array.from({ length: 11 }, (_, i) => makeStory(i + 1)),
      makeStory(12, {
        title: { en: 'A very long headline with an unbreakable URL https://example.com/' + 'x'.repeat(80) },
        summary: { en: 'English only.' },
      }),
      // Past the budget, so compacted to headlines: long unbroken runs in the compact list, in a
      // category whose label (section heading, contents) is one long run too.
      ...Array.from({ length: 14 }, (_, i) =>
        makeStory(13 + i, {
          categories: [LONG_CATEGORY],
          title: {
            ko: '가나다라마바사아자차'.repeat(5),
            en: `https://example.com/${'y'.repeat(90)}/${i}`,
          },
        }),
      ),
    ];
    // A budget the first 12 items fit in, the long ones not.
    const budgeted = testConfig({ budgetBytes: locale === 'bilingual' ? 80_000 : 40_000 });
    const rendered = await renderDigest(makeEdition(26, budgeted, items), { config: budgeted, list, locale });
    // The long headlines must really be compacted for this test to cover the compact list.
    expect(rendered.compactedItemIds).toContain('item-026');
    html = personalize(rendered, { token: 'preview-token', name: 'Minsu' }).html;
  });

  it.each([375, 600])(
    '%i px: no horizontal overflow; no contrast failure in light and dark',
    async (width) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await browser.browser.newPage({ viewport: { width, height: 900 } });
        try {
          await page.emulateMedia({ colorScheme });
          // Nothing may load from the network: a remote font or tracker would fail here.
          await page.route('**/*', (route) => route.abort());
          await page.setContent(html, { waitUntil: 'load' });
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow, `${locale} ${width}px ${colorScheme}`).toBeLessThanOrEqual(0);
          // Dividers (between items, above compacted headlines and the footer) follow the scheme.
          const rules = await page.evaluate(() =>
            [...document.querySelectorAll('body *')]
              .map((el) => getComputedStyle(el))
              .filter((style) => style.borderTopStyle !== 'none' && style.borderTopWidth !== '0px')
              .map((style) => style.borderTopColor),
          );
          expect(rules.length, `${locale} dividers`).toBeGreaterThanOrEqual(12);
          expect(new Set(rules), `${locale} ${colorScheme} dividers`).toEqual(
            new Set([colorScheme === 'dark' ? DARK_RULE : LIGHT_RULE]),
          );
          await page.addScriptTag({ content: AXE_SOURCE });
          const violations = await page.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: {
                  run: (o: unknown) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }>;
                };
              }
            ).axe;
            const result = await axe.run({ runOnly: { type: 'rule', values: ['color-contrast'] } });
            return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.html.slice(0, 120)}`));
          });
          expect(violations, `${locale} ${width}px ${colorScheme}`).toEqual([]);
          await page.screenshot({
            path: path.join(SHOTS, `${locale}-${width}-${colorScheme}.png`),
            fullPage: true,
          });
        } finally {
          await page.close();
        }
      }
    },
  );
});

// The editorial day: lead block, marks, back-to-top links, contents headlines, callout tables.
describe.each(LOCALES)('%s: a 62-item editorial day in real Chromium', (locale) => {
  it('375 px: no horizontal overflow; no contrast failure in light and dark; within budget', async () => {
    const edition = {
      ...editorialEdition(config),
      number: 12,
      marks: { 'item-033': { late: '2026-02-28' } },
    };
    const rendered = await renderDigest(edition, { config, list, locale });
    expect(rendered.htmlBytes).toBeLessThanOrEqual(config.budgetBytes);
    const html = personalize(rendered, { token: 'preview-token', name: 'Minsu' }).html;
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.browser.newPage({ viewport: { width: 375, height: 900 } });
      try {
        await page.emulateMedia({ colorScheme });
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${locale} ${colorScheme}`).toBeLessThanOrEqual(0);
        await page.addScriptTag({ content: AXE_SOURCE });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run: (o: unknown) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }>;
              };
            }
          ).axe;
          const result = await axe.run({ runOnly: { type: 'rule', values: ['color-contrast'] } });
          return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.html.slice(0, 120)}`));
        });
        expect(violations, `${locale} ${colorScheme}`).toEqual([]);
        // The callout keeps its padding as a table cell.
        const padding = await page.evaluate(() => {
          const cell = document.querySelector('td.gz-co');
          return cell === null ? '' : getComputedStyle(cell).paddingLeft;
        });
        expect(padding).toBe('12px');
        await page.screenshot({
          path: path.join(SHOTS, `editorial-${locale}-${colorScheme}.png`),
          fullPage: true,
        });
      } finally {
        await page.close();
      }
    }
  });
});

/** `#rrggbb` as Chromium reports a computed colour. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
