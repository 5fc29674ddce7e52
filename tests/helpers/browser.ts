import { inject } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { assertIntegration } from './assert-integration.ts';

export interface TestBrowser {
  browser: Browser;
  /** The executable launched and where it was found (CHROMIUM_PATH, system, npm). */
  found: { executablePath: string; source: string };
  close(): Promise<void>;
}

/**
 * Real headless Chromium (found once by tests/helpers/browser-setup.ts: CHROMIUM_PATH, the system's,
 * or the npm one), no network chatter, no sandbox (CI runs as root). The profile is fresh every
 * time: playwright's launch() refuses `--user-data-dir`, creates its own empty temporary profile
 * (`--user-data-dir=<tmp>/playwright_chromiumdev_profile-*`) and deletes it on close.
 * A missing browser fails the suite with the fix; it is never skipped.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  assertIntegration('launchBrowser');
  const found = inject('chromium');
  if ('error' in found) throw new Error(found.error);
  const browser = await chromium.launch({
    executablePath: found.executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return { browser, found, close: () => browser.close() };
}
