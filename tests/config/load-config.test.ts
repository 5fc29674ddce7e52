import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, resolveConfig } from '../../src/config/load-config.ts';
import { DEFAULT_DATABASE_URL, DEFAULT_PUBLIC_URL } from '../../src/config/config.ts';
import { isGazetteError } from '../../src/errors.ts';
import { testConfigFile, TWO_LISTS } from '../fixtures/test-config.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const temp = mkdtempSync(path.join(tmpdir(), 'gazette-config-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A valid file with two categories and no optional keys the tests below do not add themselves. */
const VALID = testConfigFile({
  replyTo: undefined,
  subject: undefined,
  categories: TWO_LISTS.categories,
  lists: TWO_LISTS.lists.slice(0, 1),
});

/** The message of the error fn throws; fails when it does not throw a GazetteError. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isGazetteError(error, 'CONFIG_INVALID')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a GazetteError');
}

function project(name: string, config: unknown, file = 'gazette.config.json'): string {
  const dir = path.join(temp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('parseConfig', () => {
  it('fills the documented defaults', () => {
    const config = parseConfig(VALID);
    expect(config).toMatchObject({
      timeZone: 'Asia/Seoul',
      budgetBytes: 90_000,
      contentDir: 'content',
      outDir: 'dist',
      send: { concurrency: 10, pool: 5, maxAttempts: 4, ratePerSecond: 0 },
    });
    expect(config.lists[0]?.locales).toEqual(['ko', 'en', 'bilingual']);
  });

  it.each([
    [
      'a bad time zone',
      { timeZone: 'Mars/Olympus' },
      'timeZone: is not an IANA time zone: use a name such as Asia/Seoul or America/New_York',
    ],
    [
      'a bad from address',
      { from: { email: 'not-an-email' } },
      'from.email: must be an email address such as digest@news.example',
    ],
    [
      'a bad reply-to',
      { replyTo: 'editors at example' },
      'replyTo: must be an email address such as digest@news.example',
    ],
    [
      'duplicate category ids',
      { categories: [VALID.categories[0], VALID.categories[0]] },
      'categories.1.id: duplicate category id "tech": give each category its own id',
    ],
    [
      'duplicate list ids',
      { lists: [VALID.lists[0], VALID.lists[0]] },
      'lists.1.id: duplicate list id "daily": give each list its own id',
    ],
    [
      'a list naming an unknown category',
      { lists: [{ ...VALID.lists[0], categories: ['tehc'] }] },
      'lists.0.categories.0: unknown category "tehc": use one of tech, policy, other',
    ],
    [
      'a bad category id',
      { categories: [{ id: 'Big News', label: { ko: '가', en: 'A' } }] },
      'categories.0.id: use lower-case letters, digits, "-" or "_"',
    ],
    ['a budget over the Gmail clip', { budgetBytes: 200_000 }, 'budgetBytes: must be at most 102000'],
    ['a budget as text', { budgetBytes: '90000' }, 'budgetBytes: must be a number, not text'],
    [
      'an unknown locale',
      { lists: [{ ...VALID.lists[0], locales: ['fr'] }] },
      'lists.0.locales.0: must be one of "ko", "en", "bilingual"',
    ],
    [
      'a misspelt key',
      { timezone: 'Asia/Seoul' },
      '(root): unknown key "timezone": check the spelling (keys are camelCase, such as timeZone)',
    ],
    ['an empty label', { name: { ko: '', en: 'Gazette' } }, 'name.ko: must not be empty'],
    ['no lists', { lists: [] }, 'lists: must have at least 1 entry'],
    [
      'a bad schedule',
      { schedule: 'every morning' },
      'schedule: is not a cron expression: use five fields such as "0 7 * * *" (07:00 every day)',
    ],
  ])('%s: one line naming the key and the fix', (_name, change, line) => {
    const message = messageOf(() => parseConfig({ ...VALID, ...change }, 'gazette.config.json'));
    expect(message).toBe(`gazette.config.json is invalid:\n  - ${line}`);
  });

  // Every value that reaches a mail header is checked here, once, so that a stray line break
  // fails the config load instead of every recipient at send time (HEADER_INJECTION).
  const list = VALID.lists[0]!;
  const SUBJECT = { ko: '{name}', en: '{name}', bilingual: '{name}' };
  const DKIM = { domainName: 'news.example', keySelector: 's1', privateKeyFile: 'dkim.pem' };
  it.each([
    ['name.ko', (v: string) => ({ name: { ko: v, en: 'Gazette' } })],
    ['name.en', (v: string) => ({ name: { ko: '가제트', en: v } })],
    ['from.name', (v: string) => ({ from: { name: v, email: 'digest@news.example' } })],
    ['from.email', (v: string) => ({ from: { email: `digest${v}@news.example` } })],
    ['replyTo', (v: string) => ({ replyTo: `editors${v}@news.example` })],
    ['unsubscribeMailto', (v: string) => ({ unsubscribeMailto: `stop${v}@news.example` })],
    ['lists.0.name.en', (v: string) => ({ lists: [{ ...list, name: { ko: '데일리', en: v } }] })],
    ['lists.0.name.ko', (v: string) => ({ lists: [{ ...list, name: { ko: v, en: 'Daily' } }] })],
    ['subject.ko', (v: string) => ({ subject: { ...SUBJECT, ko: v } })],
    ['subject.en', (v: string) => ({ subject: { ...SUBJECT, en: v } })],
    ['subject.bilingual', (v: string) => ({ subject: { ...SUBJECT, bilingual: v } })],
    ['send.verpDomain', (v: string) => ({ send: { verpDomain: `bounces.news.example${v}` } })],
    [
      'send.dkim.domainName',
      (v: string) => ({ send: { dkim: { ...DKIM, domainName: `news${v}.example` } } }),
    ],
    ['send.dkim.keySelector', (v: string) => ({ send: { dkim: { ...DKIM, keySelector: `s1${v}` } } })],
  ])('%s: a line break or control character is refused at load, naming the key', (key, change) => {
    for (const [char, described] of [
      ['\u2028', 'U+2028 (line separator)'],
      ['\u2029', 'U+2029 (paragraph separator)'],
      ['\u0085', 'U+0085 (next line)'],
      ['\r\n', 'U+000D (carriage return)'],
      ['\n', 'U+000A (line feed)'],
      ['\u0000', 'U+0000 (NUL)'],
      ['\u001b', 'U+001B (a control character)'],
    ] as const) {
      const message = messageOf(() =>
        parseConfig({ ...VALID, ...change(`Gazette${char}Bcc: x@evil.example`) }, 'c.json'),
      );
      expect(message).toBe(
        `c.json is invalid:\n  - ${key}: contains ${described}: this value goes into a mail header, which must be one line of text; remove the character`,
      );
    }
  });

  it('leaves text that never reaches a header alone (a list description may span lines)', () => {
    const config = parseConfig({
      ...VALID,
      lists: [{ ...list, description: { ko: '첫 줄\n둘째 줄', en: 'One\nTwo' } }],
    });
    expect(config.lists[0]?.description?.en).toBe('One\nTwo');
  });

  it('lists every missing key at once', () => {
    expect(messageOf(() => parseConfig({ name: VALID.name }, 'gazette.config.ts'))).toBe(
      'gazette.config.ts is invalid:\n  - from: is required\n  - postalAddress: is required\n  - lists: is required',
    );
  });

  it('explains a file without a default export, and a list instead of a mapping', () => {
    expect(messageOf(() => parseConfig(undefined, 'gazette.config.ts'))).toBe(
      'gazette.config.ts has no default export: write export default defineConfig({ ... }).',
    );
    expect(messageOf(() => parseConfig([], 'c.json'))).toBe(
      'c.json is invalid:\n  - (root): must be a mapping of key: value, not a list',
    );
  });
});

describe('resolveConfig: environment and flags', () => {
  const file = parseConfig(VALID);

  it('uses defaults when the environment is empty, and resolves paths against the config folder', () => {
    const config = resolveConfig(file, '/srv/gazette', {});
    expect(config).toMatchObject({
      databaseUrl: DEFAULT_DATABASE_URL,
      publicUrl: DEFAULT_PUBLIC_URL,
      contentDir: '/srv/gazette/content',
      outDir: '/srv/gazette/dist',
      rootDir: '/srv/gazette',
    });
    expect(config.smtpUrl).toBeUndefined();
    expect(config.secret).toBeUndefined();
  });

  it('resolves the DKIM key file against the config folder, like every path in the file', () => {
    const dkim = { domainName: 'news.example', keySelector: 's1' };
    const relative = parseConfig({ ...VALID, send: { dkim: { ...dkim, privateKeyFile: 'keys/dkim.pem' } } });
    expect(resolveConfig(relative, '/srv/gazette', {}).send.dkim?.privateKeyFile).toBe(
      '/srv/gazette/keys/dkim.pem',
    );
    const absolute = parseConfig({ ...VALID, send: { dkim: { ...dkim, privateKeyFile: '/etc/dkim.pem' } } });
    expect(resolveConfig(absolute, '/srv/gazette', {}).send.dkim?.privateKeyFile).toBe('/etc/dkim.pem');
  });

  it('reads the environment, and flags win over it; an empty variable counts as unset', () => {
    const env = {
      SMTP_URL: 'smtp://mail.example.com:587',
      DATABASE_URL: 'postgres://user@db.example.com:5432/gazette',
      GAZETTE_SECRET: 'x'.repeat(32),
      GAZETTE_PUBLIC_URL: 'https://news.example.com/',
    };
    expect(resolveConfig(file, '/r', env)).toMatchObject({
      smtpUrl: env.SMTP_URL,
      databaseUrl: env.DATABASE_URL,
      secret: env.GAZETTE_SECRET,
      publicUrl: 'https://news.example.com',
    });
    const flagged = resolveConfig(
      file,
      '/r',
      { ...env, DATABASE_URL: '' },
      { smtpUrl: 'smtps://other.example.com' },
    );
    expect(flagged.smtpUrl).toBe('smtps://other.example.com');
    expect(flagged.databaseUrl).toBe(DEFAULT_DATABASE_URL);
  });

  it.each([
    ['SMTP_URL', 'http://mail.example.com'],
    ['SMTP_URL', 'smtp://'],
    ['SMTP_URL', 'mail.example.com:587'],
    ['GAZETTE_PUBLIC_URL', 'news.example.com'],
    ['GAZETTE_PUBLIC_URL', 'ftp://news.example.com'],
    ['GAZETTE_PUBLIC_URL', 'https://news.example.com/?ref=mail'],
    ['DATABASE_URL', 'mysql://db.example.com/gazette'],
    ['DATABASE_URL', 'sqlite:'],
    ['DATABASE_URL', 'postgres://'],
    ['DATABASE_URL', './gazette.db'],
  ])('refuses %s=%s, naming the variable and an example', (name, value) => {
    const message = messageOf(() => resolveConfig(file, '/r', { [name]: value }));
    expect(message).toMatch(new RegExp(`^${name} `));
    expect(message).toMatch(/for example/);
  });

  it('refuses an SMTP_URL whose password is not valid percent-encoding, in one line, without echoing it', () => {
    const message = messageOf(() =>
      resolveConfig(file, '/r', { SMTP_URL: 'smtp://user:hun%zzter2@mail.example.com:587' }),
    );
    expect(message).toMatch(/^SMTP_URL has a user name or password that is not valid percent-encoding/);
    expect(message).toContain('%25');
    expect(message).not.toContain('hun');
    expect(message).not.toContain('\n');
    // Valid escapes are fine: nodemailer decodes them.
    expect(
      resolveConfig(file, '/r', { SMTP_URL: 'smtp://us%40er:p%25ss@mail.example.com' }).smtpUrl,
    ).toBeDefined();
  });

  it('never echoes an SMTP password', () => {
    const message = messageOf(() =>
      resolveConfig(file, '/r', { SMTP_URL: 'http://user:hunter2@mail.example.com' }),
    );
    expect(message).not.toContain('hunter2');
  });

  it.each([
    'sqlite:./data/gazette.db',
    'sqlite::memory:',
    'postgresql://localhost/test',
    'postgres:///test?host=/run/postgresql',
  ])('accepts DATABASE_URL=%s', (url) => {
    expect(resolveConfig(file, '/r', { DATABASE_URL: url }).databaseUrl).toBe(url);
  });
});

describe('loadConfig', () => {
  it('finds gazette.config.json in the folder and resolves its paths there', async () => {
    const dir = project('json', { ...VALID, contentDir: 'items' });
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.rootDir).toBe(dir);
    expect(config.contentDir).toBe(path.join(dir, 'items'));
  });

  it('resolves --content and --out against the working folder, not the config folder', async () => {
    const dir = project('flags', VALID);
    const cwd = path.join(temp, 'elsewhere');
    const config = await loadConfig({
      cwd,
      configPath: path.join(dir, 'gazette.config.json'),
      env: {},
      overrides: { contentDir: 'mine', outDir: '/abs/out' },
    });
    expect(config.contentDir).toBe(path.join(cwd, 'mine'));
    expect(config.outDir).toBe('/abs/out');
  });

  it('loads the project’s own gazette.config.ts', async () => {
    const config = await loadConfig({ cwd: ROOT, env: {} });
    expect(config.categories.map((c) => c.id)).toEqual(['tech', 'business', 'policy', 'commerce', 'science']);
    expect(config.timeZone).toBe('Asia/Seoul');
  });

  it('a missing file says where it looked and how to fix it', async () => {
    const empty = path.join(temp, 'no-config');
    mkdirSync(empty, { recursive: true });
    const error = await loadConfig({ cwd: empty, env: {} }).catch((e: unknown) => e);
    expect(isGazetteError(error, 'CONFIG_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toBe(
      `No config file found in ${empty}. Create one of gazette.config.ts, gazette.config.mts, gazette.config.js, gazette.config.mjs, gazette.config.json (see README "Configuration") or pass --config FILE.`,
    );
    const explicit = await loadConfig({ cwd: empty, configPath: 'nope.json', env: {} }).catch(
      (e: unknown) => e,
    );
    expect(isGazetteError(explicit, 'CONFIG_NOT_FOUND')).toBe(true);
    expect((explicit as Error).message).toBe(
      'Config file nope.json does not exist. Check the --config path.',
    );
  });

  it('a file that is not JSON is a clear error, not a stack trace', async () => {
    const dir = project('broken-json', '{ "name": ');
    const error = await loadConfig({ cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(isGazetteError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/^Could not read gazette\.config\.json: /);
  });

  it('validates the environment it is given', async () => {
    const dir = project('env', VALID);
    const error = await loadConfig({ cwd: dir, env: { GAZETTE_PUBLIC_URL: 'localhost:8080' } }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/^GAZETTE_PUBLIC_URL must be a http:\/\/ or https:\/\/ URL/);
  });
});
