import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: browser and database suites fight for CPU when run wide.
    maxWorkers: 2,
    // Finds (and if need be unpacks) the browser once, before the workers start.
    globalSetup: ['tests/helpers/browser-setup.ts'],
  },
});
