import type { TestProject } from 'vitest/node';
import { findChromium } from './find-chromium.ts';
import type { ChromiumFound } from './find-chromium.ts';
import { inCi } from './in-ci.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The browser the real-Chromium suites launch, or why there is none. */
    chromium: ChromiumFound | { error: string };
  }
}

/**
 * Vitest global setup: finds (and, for the npm Chromium, unpacks) the browser once, before any test
 * worker starts, so workers never race to unpack it. In CI a missing browser stops the run.
 */
export default async function setup(project: TestProject): Promise<void> {
  try {
    const found = await findChromium();
    console.info(`real-Chromium suites: ${found.executablePath} (${found.source})`);
    project.provide('chromium', found);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (inCi()) throw new Error(`CI requires the browser suites: ${message}`, { cause: error });
    project.provide('chromium', { error: message });
  }
}
