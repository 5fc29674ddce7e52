import { defineConfig } from 'vitest/config';

const ALL = ['tests/**/*.test.ts', 'tests/**/*.test.tsx'];
// Tests that start something real: an SMTP sink, SQLite/PostgreSQL, Chromium, an HTTP server or a
// child process. Everything else is a unit test (in-process, at most a temp folder), and
// `npm run test:unit` runs only those; the helpers for real things refuse to load there, so a test
// that starts one and is missing from this list fails instead of making test:unit a misnomer.
const INTEGRATION = [
  'tests/**/*browser*.test.ts',
  'tests/archive/archive-http.test.ts',
  'tests/cli/compiled-cli.test.ts',
  'tests/cli/demo.test.ts',
  'tests/cli/public-url.test.ts',
  'tests/cli/schedule-command.test.ts',
  'tests/cli/send-command.test.ts',
  'tests/cli/send-crash.test.ts',
  'tests/cli/send-forget.test.ts',
  'tests/cli/serve.test.ts',
  'tests/cli/subscribers.test.ts',
  'tests/mail/mailer.test.ts',
  'tests/preview/preview-cli.test.ts',
  'tests/preview/preview-server.test.ts',
  'tests/send/ledger.test.ts',
  'tests/send/send*.test.ts',
  'tests/subscribers/store.test.ts',
  'tests/web/failure-modes.test.ts',
  'tests/web/journey.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: browser and database suites fight for CPU when run wide.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ALL, exclude: INTEGRATION, env: { GAZETTE_TEST_PROJECT: 'unit' } },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          // Finds (and if need be unpacks) the browser once, before the workers start.
          globalSetup: ['tests/helpers/browser-setup.ts'],
        },
      },
    ],
  },
});
