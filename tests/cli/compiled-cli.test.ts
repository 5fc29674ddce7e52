import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (it runs before any TypeScript loader), typed by JSDoc only.
import { buildCli, findCli, prune } from '../../bin/build-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function gazette(args: string[], env: Record<string, string> = {}) {
  const { GAZETTE_FROM_SOURCE: _ignored, ...base } = process.env;
  const result = await run(process.execPath, ['bin/gazette.js', ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
  return { code: 'code' in result ? result.code : 0, stdout: result.stdout, stderr: result.stderr };
}

describe('the compiled CLI (bin/build-cli.js)', () => {
  it('buildCli and findCli agree on one build in the cache, whoever asks first', async () => {
    const [a, b] = (await Promise.all([buildCli(), buildCli()])) as [string, string];
    expect(a).toBe(b);
    expect(path.relative(ROOT, a)).toMatch(/^node_modules\/\.cache\/gazette\/[0-9a-f]{16}\/main\.js$/);
    expect(findCli()).toBe(a);
  });

  it('pruning removes old builds only: not the one in use, not a recent one, not other things', () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'gazette-cache-'));
    try {
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      const names = ['0123456789abcdef', 'fedcba9876543210', 'aaaaaaaaaaaaaaaa', 'sparticuz-chromium-1.0.0'];
      for (const name of names) mkdirSync(path.join(cache, name));
      for (const name of ['0123456789abcdef', 'fedcba9876543210', 'sparticuz-chromium-1.0.0'])
        utimesSync(path.join(cache, name), twoHoursAgo, twoHoursAgo);
      (prune as (key: string, cache: string) => void)('0123456789abcdef', cache);
      const left = names.filter((name) => existsSync(path.join(cache, name)));
      expect(left).toEqual(['0123456789abcdef', 'aaaaaaaaaaaaaaaa', 'sparticuz-chromium-1.0.0']);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('runs the same commands as the sources, without falling back to tsx', async () => {
    const compiled = await gazette(['check']);
    const source = await gazette(['check'], { GAZETTE_FROM_SOURCE: '1' });
    expect(compiled.stderr).not.toMatch(/runs from source/);
    expect(compiled.code).toBe(source.code);
    expect(compiled.stdout).toBe(source.stdout);
    expect(compiled.stdout).toMatch(/\d+ files: \d+ valid/);
  });

  it('a usage error is the same exit code and message from the build', async () => {
    const result = await gazette(['send', '--date', 'tomorrow']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--date <YYYY-MM-DD>' argument 'tomorrow' is invalid");
  });
});
