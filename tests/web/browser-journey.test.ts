import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import type { TestBrowser } from '../helpers/browser.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { linkIn, startWebHarness } from './web-harness.ts';
import type { WebHarness } from './web-harness.ts';

describe('subscriber journey in headless Chromium', () => {
  let h: WebHarness;
  let chromium: TestBrowser;
  beforeAll(async () => {
    h = await startWebHarness(DIALECTS[0]!);
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await h?.close();
  });

  it('fills the form, submits, opens the link from the mail and sees the confirmed page', async () => {
    const page = await chromium.browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused/.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${h.base}/subscribe`);
    await page.getByLabel('Email address').fill('browser.reader@example.com');
    await page.getByLabel('Name (optional)').fill('Lee');
    await page.getByLabel('Both Korean and English').check();
    await page.getByLabel('Technology').check();
    await page.getByRole('button', { name: /Subscribe/ }).click();
    await page.waitForLoadState('domcontentloaded');
    await expect.poll(() => page.locator('h1').innerText()).toContain('Check your inbox');

    const mail = (await h.mail()).at(-1);
    expect(mail?.envelope.to).toEqual(['browser.reader@example.com']);
    expect(mail?.parsed.html).toMatch(/lang="ko"[\s\S]*lang="en"/);
    await page.goto(linkIn(mail, h.base, '/confirm/'));
    // Opening the link changes nothing (mail scanners open links too); the button confirms.
    expect(await page.locator('h1').innerText()).toContain('Confirm your subscription');
    expect((await h.store.findByEmail('browser.reader@example.com'))?.status).toBe('pending');
    await page.getByRole('button', { name: /Confirm subscription/ }).click();
    await expect.poll(() => page.locator('h1').innerText()).toContain('Subscription confirmed');
    expect((await h.store.findByEmail('browser.reader@example.com'))?.status).toBe('active');
    expect(await h.store.findByEmail('browser.reader@example.com')).toMatchObject({
      status: 'active',
      locale: 'bilingual',
      categories: ['tech'],
      name: 'Lee',
    });

    // The stylesheet loaded under the CSP; the honeypot is off-screen.
    const box = await page.goto(`${h.base}/subscribe`).then(() => page.locator('#website').boundingBox());
    expect(box === null || box.x < 0).toBe(true);
    expect(violations).toEqual([]);

    // Out again with the page's own button (a same-origin POST).
    const welcome = (await h.mail()).at(-1);
    await page.goto(linkIn(welcome, h.base, '/unsubscribe/'));
    await page.getByRole('button', { name: /Unsubscribe/ }).click();
    await expect.poll(() => page.locator('h1').innerText()).toContain('You are unsubscribed');
    expect((await h.store.findByEmail('browser.reader@example.com'))?.status).toBe('unsubscribed');
    const [consent] = await h.store.consents(
      (await h.store.findByEmail('browser.reader@example.com'))?.id ?? 0,
    );
    expect(consent?.unsubscribeSource).toBe('web');
    expect(consent?.userAgent).toMatch(/Chrome/);
  });
});
