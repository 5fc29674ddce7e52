import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/output.ts';
import { itemSource } from '../content/item-source.ts';
import { TWO_LISTS, testConfigFile } from '../fixtures/test-config.ts';
import { writeItem } from '../fixtures/write-item.ts';

let dir: string;
const run = async (...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false };
  const code = await main(
    ['node', 'gazette', '--config', path.join(dir, 'gazette.config.json'), ...args],
    output,
  );
  return { code, out: out.join(''), err: err.join('') };
};

/** Every field the digest shows, and an entity that must be decoded once. */
const fields = (id: string, category: string) => ({
  title: `Headline ${id} &#8217;quoted&#8217;`,
  title_ko: `헤드라인 ${id}`,
  canonical_url: `https://example.org/${id}`,
  source_name: 'Example Wire',
  categories: [category],
  summary_ko: `한국어 요약 ${id}.`,
  summary_en: `English summary ${id}.`,
  so_what_ko: `시사점 ${id}.`,
  so_what_en: `So what ${id}.`,
  key_points: [`Point one of ${id}`],
});

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gazette-build-'));
  const content = path.join(dir, 'content');
  mkdirSync(path.join(content, 'nested'), { recursive: true });
  writeFileSync(
    path.join(dir, 'gazette.config.json'),
    JSON.stringify(
      // Sections in category order; a second list that mails only English policy items.
      testConfigFile({
        categories: TWO_LISTS.categories,
        lists: [
          { id: 'daily', name: { ko: '데일리', en: 'Daily' } },
          { id: 'policy', name: { ko: '정책', en: 'Policy' }, locales: ['en'], categories: ['policy'] },
        ],
      }),
    ),
  );
  writeItem(content, 'a', '2026-03-02', fields('a', 'tech'), 'Body.\n');
  // A .txt file in a subfolder is content too.
  writeFileSync(
    path.join(content, 'nested', 'b.txt'),
    itemSource({ id: 'b', date_published: '2026-03-02', ...fields('b', 'policy') }, 'Body.\n'),
  );
  writeItem(content, 'c', '2026-03-03', fields('c', 'tech'), 'Body.\n');
  writeFileSync(path.join(content, 'broken.md'), '---\nid: [unclosed\n---\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gazette build', () => {
  it('writes every list and locale, edition.json and a summary; bad files are skipped with a warning', async () => {
    const out = path.join(dir, 'dist');
    const result = await run(
      'build',
      '--date',
      '2026-03-02',
      '--content',
      path.join(dir, 'content'),
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    expect(result.err).toContain('broken.md');
    const day = path.join(out, '2026-03-02');
    for (const name of ['daily.ko', 'daily.en', 'daily.bilingual', 'policy.en']) {
      expect(readFileSync(path.join(day, `${name}.html`), 'utf8')).toMatch(/^<!doctype html>/);
      expect(readFileSync(path.join(day, `${name}.txt`), 'utf8')).toContain('https://example.org/');
    }
    expect(existsSync(path.join(day, 'policy.ko.html'))).toBe(false);
    // The policy list carries only policy items.
    expect(readFileSync(path.join(day, 'policy.en.txt'), 'utf8')).not.toContain('https://example.org/a');
    // Entities were decoded once at load and are escaped once in HTML.
    expect(readFileSync(path.join(day, 'daily.en.html'), 'utf8')).toContain('Headline a ’quoted’');
    const edition = JSON.parse(readFileSync(path.join(day, 'edition.json'), 'utf8')) as {
      sections: { id: string; items: string[] }[];
      variants: { list: string; locale: string; subject: string; htmlBytes: number }[];
    };
    expect(edition.sections).toEqual([
      expect.objectContaining({ id: 'tech', items: ['a'] }),
      expect.objectContaining({ id: 'policy', items: ['b'] }),
    ]);
    expect(edition.variants.map((v) => `${v.list}.${v.locale}`)).toEqual([
      'daily.ko',
      'daily.en',
      'daily.bilingual',
      'policy.en',
    ]);
    for (const variant of edition.variants) {
      expect(variant.htmlBytes).toBe(
        Buffer.byteLength(readFileSync(path.join(day, `${variant.list}.${variant.locale}.html`))),
      );
    }
    expect(result.out).toContain('daily.bilingual');
    // The built preview carries no placeholders.
    expect(readFileSync(path.join(day, 'daily.bilingual.html'), 'utf8')).not.toContain('__GZ_');
  });

  it('--all builds every date found', async () => {
    const out = path.join(dir, 'all');
    const result = await run('build', '--all', '--content', path.join(dir, 'content'), '--out', out);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(out, '2026-03-02', 'edition.json'))).toBe(true);
    expect(existsSync(path.join(out, '2026-03-03', 'daily.ko.html'))).toBe(true);
  });

  it('bad values and unknown flags are usage errors that name what is valid', async () => {
    const content = path.join(dir, 'content');
    const badDate = await run('build', '--date', '2026-13-45', '--content', content);
    expect(badDate.code).toBe(2);
    expect(badDate.err).toContain('YYYY-MM-DD');
    const badLocale = await run('build', '--date', '2026-03-02', '--locale', 'fr', '--content', content);
    expect(badLocale.code).toBe(2);
    expect(badLocale.err).toContain('ko, en, bilingual');
    const unknown = await run('build', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown option '--bogus'");
    const noDate = await run('build', '--content', content);
    expect(noDate.code).toBe(2);
    expect(noDate.err).toContain('--date YYYY-MM-DD');
    const empty = await run(
      'build',
      '--date',
      '2026-01-01',
      '--content',
      content,
      '--out',
      path.join(dir, 'x'),
    );
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('2026-03-03, 2026-03-02');
  });
});
