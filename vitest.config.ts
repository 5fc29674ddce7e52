import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const ALL = ['tests/**/*.test.ts', 'tests/**/*.test.tsx'];

// Tests that start something real: an SMTP sink, SQLite/PostgreSQL, Chromium, an HTTP server or a
// child process. They are found by what they import (a helper or harness for a real thing, or
// node:child_process), so a new test needs no list; everything else is a unit test (in-process,
// at most a temp folder) and `npm run test:unit` runs only those. The helpers for real things
// also refuse to load in the unit project, so a test this scan misses fails instead of passing.
const REAL =
  /(helpers\/|'\.\/)(databases|smtp-sink|browser|find-chromium|dovecot|spamassassin)|-harness\.ts|archive-server|preview-fixture|send-fixture|node:child_process|cli\/main\.ts/;
const INTEGRATION = testFiles('tests').filter((file) => REAL.test(readFileSync(file, 'utf8')));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(file);
    return /\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

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
