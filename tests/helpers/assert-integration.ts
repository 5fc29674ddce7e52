/**
 * Called by the helpers that start real things (SMTP sink, databases, Chromium): in the `unit`
 * project (npm run test:unit) they refuse, naming the fix, so test:unit stays unit tests only.
 */
export function assertIntegration(helper: string): void {
  if (process.env.GAZETTE_TEST_PROJECT !== 'unit') return;
  throw new Error(
    `${helper} starts a real server, database or browser: this is an integration test. ` +
      'Add the test file to INTEGRATION in vitest.config.ts (npm run test:unit runs unit tests only).',
  );
}
