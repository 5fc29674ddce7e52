import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

/** `--date` is parsed before any config or database is touched: a usage error, exit 2. */
async function gazette(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(['node', 'gazette', ...args], {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    isTTY: false,
  });
  return { code, out, err };
}

describe.each(['send', 'build'])('gazette %s --date', (command) => {
  it.each([
    '2026-02-30',
    '2026-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-11-23T07:00',
    '26-11-23',
  ])('refuses %s, a date that is not on the calendar or not YYYY-MM-DD', async (date) => {
    const result = await gazette(command, '--date', date);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`option '--date <YYYY-MM-DD>' argument '${date}' is invalid.`);
    expect(result.err).toMatch(/use a real calendar date as YYYY-MM-DD, for example 2026-/);
  });
});

describe('gazette send --date', () => {
  it('accepts a leap day (the usage error is about the config, not the date)', async () => {
    const result = await gazette(
      '--config',
      '/nonexistent/gazette.config.json',
      'send',
      '--date',
      '2028-02-29',
    );
    expect(result.err).not.toMatch(/--date/);
    expect(result.err).toMatch(/Config file .* does not exist/);
  });
});
