import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/output.ts';
import { testConfigFile } from '../fixtures/test-config.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MESSY = path.join(ROOT, 'tests/fixtures/content/messy');
const temp = mkdtempSync(path.join(tmpdir(), 'gazette-check-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// The warnings below name the configured categories.
const CONFIG = testConfigFile({
  categories: [
    { id: 'tech', label: { ko: '기술', en: 'Technology' } },
    { id: 'business', label: { ko: '비즈니스', en: 'Business' } },
  ],
});

/** A project folder with its own gazette.config.json and content/ from the given files. */
function project(name: string, files: Record<string, string>, config: unknown = CONFIG): string {
  const dir = path.join(temp, name);
  mkdirSync(path.join(dir, 'content'), { recursive: true });
  writeFileSync(path.join(dir, 'gazette.config.json'), JSON.stringify(config));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, 'content', file), text);
  return dir;
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const output: Output = { out: (s) => void (out += s), err: (s) => void (err += s), isTTY: false };
  const code = await main(['node', 'gazette', ...args], output);
  return { code, out, err };
}

const GOOD = `---
id: "good"
title: "Fine"
date_published: "2026-03-02"
categories: ["tech"]
summary_en: "All good."
---
`;

describe('gazette check', () => {
  it('exits 0 on clean content and says so', async () => {
    const dir = project('clean', { 'good.md': GOOD });
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check');
    expect(result).toEqual({
      code: 0,
      out: '1 file: 1 valid, 0 with errors (0 errors, 0 warnings)\n',
      err: '',
    });
  });

  it('exits 0 when there are warnings only, and prints them', async () => {
    const dir = project('warnings', {
      'good.md': GOOD,
      'warn.md': GOOD.replace('"good"', '"warn"')
        .replace('["tech"]', '["tehc"]')
        .replace('summary_en', 'canonical_url: "javascript:alert(1)"\nsummary_en'),
    });
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        'warning  warn.md: canonical_url: "javascript:alert(1)" is not an absolute http(s) URL and was dropped',
        'warning  warn.md: categories: "tehc" is not a configured category (tech, business); the item gets a section of its own named "tehc"',
        '2 files: 2 valid, 0 with errors (0 errors, 2 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('shows control characters from content as escapes, never raw to the terminal', async () => {
    // YAML's "\\e" and "\\a" are ESC and BEL: a title-setting OSC, a screen clear and a colour.
    const source = GOOD.replace('"good"', '"esc"').replace(
      'summary_en',
      'canonical_url: "ftp://\\e]0;PWNED\\a\\e[2J\\u202e"\n"\\e[41mbad\\u2028": "x"\nsummary_en',
    );
    const dir = project('escapes', { 'esc.md': source });
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check');
    expect(result.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(result.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    expect(result.out).toBe(
      [
        'warning  esc.md: \\u001b[41mbad\\u2028: is not a known field and was ignored',
        'warning  esc.md: canonical_url: "ftp://\\u001b]0;PWNED\\u0007\\u001b[2J\\u202e" is not an absolute http(s) URL and was dropped',
        '1 file: 1 valid, 0 with errors (0 errors, 2 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('names every bad file of the messy corpus and exits 1', async () => {
    const dir = project('messy', {});
    cpSync(MESSY, path.join(dir, 'content'), { recursive: true });
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check');
    expect(result.code).toBe(1);
    expect(result.err).toBe('');
    for (const line of [
      'error  broken-yaml.md:4: front matter is not valid YAML: ',
      'error  deeper/still/feb-30.md: date_published: is not a real date',
      'error  empty.md: is empty',
      'error  impossible-date.md: date_published: is not a real date',
      'error  missing-fields.md: id: is required',
      'error  missing-fields.md: title: is required',
      'error  missing-fields.md: date_published: is required',
      'error  missing-fields.md: summary_ko: at least one of summary_ko or summary_en is required',
      'error  nested/duplicate-b.md: id: duplicate id "messy_dup", already used by duplicate-a.md',
      'error  no-front-matter.txt: has no YAML front matter',
      'error  only-dashes.md: front matter is not closed',
      'error  unclosed.md: front matter is not closed',
      'error  wrong-types.md: title: must be text (put it in quotes)',
      'error  wrong-types.md: categories: must be a list such as ["tech", "policy"]',
      'error  wrong-types.md: confidence: must be a number from 0 to 1, without quotes',
      'warning  javascript-url.md: canonical_url: "javascript:alert(document.cookie)" is not an absolute http(s) URL',
    ]) {
      expect(result.out).toContain(line);
    }
    expect(result.out).not.toMatch(/README|\.hidden|notes\.json|\n\s+at /);
    expect(result.out.trimEnd().split('\n').at(-1)).toBe(
      '14 files: 4 valid, 10 with errors (15 errors, 2 warnings)',
    );
  });

  it('--content points at another folder, relative to where the command runs', async () => {
    const dir = project('content-flag', { 'good.md': GOOD });
    const other = path.join(temp, 'other-content');
    mkdirSync(other, { recursive: true });
    writeFileSync(path.join(other, 'bad.md'), 'no front matter');
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check', '--content', other);
    expect(result.code).toBe(1);
    expect(result.out).toContain('error  bad.md: has no YAML front matter');
    const relative = path.relative(process.cwd(), other);
    expect(
      (await run('--config', path.join(dir, 'gazette.config.json'), 'check', '--content', relative)).code,
    ).toBe(1);
  });

  it('an empty content folder is clean, and says it found nothing', async () => {
    const dir = project('empty', {});
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      `No content files (.md, .txt) in ${path.join(dir, 'content')}\n0 files: 0 valid, 0 with errors (0 errors, 0 warnings)\n`,
    );
  });

  it('a missing content folder is one line on stderr and exit 1', async () => {
    const dir = project('missing-content', {});
    const result = await run(
      '--config',
      path.join(dir, 'gazette.config.json'),
      'check',
      '--content',
      path.join(dir, 'nope'),
    );
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(
      /^gazette: Cannot read the content folder .*nope: ENOENT\. Pass --content DIR/,
    );
    expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('passes on the shipped sample content with the project config', async () => {
    const result = await run('--config', path.join(ROOT, 'gazette.config.ts'), 'check');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^(\d+) files: \1 valid, 0 with errors \(0 errors, \d+ warnings?\)$/m);
  });
});

describe('gazette check: configuration and usage errors', () => {
  it('an invalid config is one clear message naming the key, exit 1', async () => {
    const dir = project('bad-config', {}, { ...CONFIG, timeZone: 'Seoul' });
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check');
    expect(result).toEqual({
      code: 1,
      out: '',
      err: 'gazette: gazette.config.json is invalid:\n  - timeZone: is not an IANA time zone: use a name such as Asia/Seoul or America/New_York\n',
    });
  });

  it('a missing config file names the fix', async () => {
    const result = await run('--config', path.join(temp, 'absent.json'), 'check');
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `gazette: Config file ${path.join(temp, 'absent.json')} does not exist. Check the --config path.\n`,
    );
  });

  it('an unknown flag is a usage error (exit 2) that names the valid flags', async () => {
    const result = await run('check', '--contnet', 'x');
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatchInlineSnapshot(`
      "error: unknown option '--contnet'
      (Did you mean --content?)
      Valid options for gazette check: --content, --json, --config, --help.
      (run gazette check --help for usage)
      "
    `);
  });

  it('an unknown command is a usage error that names the valid commands', async () => {
    const result = await run('chekc');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error: unknown command 'chekc'\n/);
    expect(result.err).toMatch(
      /\nValid commands: (\w+, )*check(, \w+)*\.\n\(run gazette --help for usage\)\n$/,
    );
  });

  it('a stray argument is a usage error', async () => {
    const result = await run('check', 'content');
    expect(result.code).toBe(2);
    expect(result.err).toContain("error: too many arguments for 'check'");
  });

  it('--help exits 0 and lists --content', async () => {
    const result = await run('check', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('--content <dir>');
  });
});

describe('gazette check: nothing silent, nothing misleading (issue 15)', () => {
  it('shows the warnings of a file with an error at once, not after the error is fixed', async () => {
    const dir = project('both', {
      'bad.md':
        '---\nid: "bad"\ntitle: "Bad date"\ndate_published: "2026-02-30"\ncategories: ["tehc"]\n---\n',
    });
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^error {2}bad\.md: date_published: is not a real date/m);
    expect(result.out).toMatch(/^warning {2}bad\.md: categories: "tehc" is not a configured category/m);
    expect(result.out).toMatch(/\(2 errors, 1 warning\)\n$/);
  });

  it('does not claim a section of its own for an unknown category that is not the first', async () => {
    const dir = project('second', {
      'two.md': GOOD.replace('categories: ["tech"]', 'categories: ["tech", "tehc"]'),
    });
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'warning  two.md: categories: "tehc" is not a configured category (tech, business); the item is shown under its first category, "tech"\n',
    );
    expect(result.out).not.toContain('section of its own');
  });

  it('hints at quoting a value that contains ": " (a headline with a colon)', async () => {
    const dir = project('colon', {
      'colon.md': '---\nid: "colon"\ntitle: Samsung: new phone\ndate_published: "2026-03-02"\n---\n',
    });
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check');
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'error  colon.md:3: front matter is not valid YAML: bad indentation of a mapping entry. Quote values that contain ": ", for example title: "Samsung: new phone"\n',
    );
  });

  it('--json gives errors and warnings with file, line and field', async () => {
    const dir = project('json', {
      'good.md': GOOD,
      'colon.md': '---\nid: "colon"\ntitle: Samsung: new phone\n---\n',
      'warn.md': GOOD.replace('"good"', '"warn"').replace('["tech"]', '["tehc"]'),
    });
    const result = await run('--config', path.join(dir, 'gazette.config.json'), 'check', '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as {
      files: number;
      valid: number;
      errors: { file: string; line?: number; code: string }[];
      warnings: { file: string; field?: string }[];
    };
    expect(report).toMatchObject({ files: 3, valid: 2 });
    expect(report.errors).toEqual([
      expect.objectContaining({ file: 'colon.md', line: 3, code: 'CONTENT_YAML' }),
    ]);
    expect(report.warnings).toEqual([expect.objectContaining({ file: 'warn.md', field: 'categories' })]);
  });
});
