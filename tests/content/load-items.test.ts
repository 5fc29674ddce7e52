import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findContentFiles, loadItems } from '../../src/content/load-items.ts';
import { isGazetteError } from '../../src/errors.ts';
import { itemSource, minimalFields } from './item-source.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MESSY = path.join(ROOT, 'tests/fixtures/content/messy');
const SAMPLE = path.join(ROOT, 'content');
const temp = mkdtempSync(path.join(tmpdir(), 'gazette-load-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(temp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), data);
  }
  return dir;
}

describe('loadItems: the messy corpus', async () => {
  const result = await loadItems(MESSY);
  const byFile = (file: string) => result.problems.filter((p) => p.file === file);

  it('reads only item files: README, hidden files and other extensions are skipped', async () => {
    expect(await findContentFiles(MESSY)).toEqual([
      'broken-yaml.md',
      'deeper/still/feb-30.md',
      'duplicate-a.md',
      'empty.md',
      'good-bilingual.md',
      'impossible-date.md',
      'javascript-url.md',
      'missing-fields.md',
      'nested/duplicate-b.md',
      'nested/good-ko-only.txt',
      'no-front-matter.txt',
      'only-dashes.md',
      'unclosed.md',
      'wrong-types.md',
    ]);
    expect(result.files).toBe(14);
  });

  it('loads the good files and carries on past the bad ones', () => {
    expect(result.items.map((item) => item.id)).toEqual([
      'messy_dup',
      'messy_good_1',
      'messy_js_url',
      'messy_good_2',
    ]);
  });

  it('names every bad file, with field and reason', () => {
    const errors = result.problems.filter((p) => p.severity === 'error');
    expect([...new Set(errors.map((p) => p.file))].sort()).toEqual([
      'broken-yaml.md',
      'deeper/still/feb-30.md',
      'empty.md',
      'impossible-date.md',
      'missing-fields.md',
      'nested/duplicate-b.md',
      'no-front-matter.txt',
      'only-dashes.md',
      'unclosed.md',
      'wrong-types.md',
    ]);
    expect(byFile('wrong-types.md').map((p) => p.field)).toEqual(['title', 'categories', 'confidence']);
    expect(byFile('missing-fields.md').map((p) => p.field)).toEqual(['id', 'title', 'date_published', 'summary_ko']);
    expect(byFile('impossible-date.md')).toEqual([expect.objectContaining({ field: 'date_published' })]);
    expect(byFile('deeper/still/feb-30.md')).toEqual([expect.objectContaining({ field: 'date_published' })]);
    expect(byFile('broken-yaml.md')).toEqual([expect.objectContaining({ code: 'CONTENT_YAML', line: 4 })]);
    for (const file of ['empty.md', 'only-dashes.md', 'no-front-matter.txt', 'unclosed.md']) {
      expect(byFile(file)).toEqual([expect.objectContaining({ code: 'CONTENT_FILE', severity: 'error' })]);
    }
  });

  it('a duplicate id names both files and keeps the first', () => {
    expect(byFile('nested/duplicate-b.md')).toEqual([
      {
        file: 'nested/duplicate-b.md',
        field: 'id',
        message: 'duplicate id "messy_dup", already used by duplicate-a.md; this file was skipped',
        severity: 'error',
        code: 'CONTENT_DUPLICATE_ID',
      },
    ]);
    expect(result.items.find((item) => item.id === 'messy_dup')?.file).toBe('duplicate-a.md');
  });

  it('drops unsafe URLs with warnings and keeps the item', () => {
    expect(byFile('javascript-url.md').map((p) => [p.field, p.severity])).toEqual([
      ['source_url', 'warning'],
      ['canonical_url', 'warning'],
    ]);
    const item = result.items.find((i) => i.id === 'messy_js_url');
    expect(item?.canonicalUrl).toBeUndefined();
    expect(item?.source?.url).toBeUndefined();
  });

  it('decodes a twice-encoded entity to entity text, once', () => {
    const item = result.items.find((i) => i.id === 'messy_good_1');
    expect(item?.title.en).toBe('Good item with &#8217; written twice-encoded');
    expect(item?.summary.en).toBe('An English summary’s apostrophe.');
  });
});

describe('loadItems: bytes as editors save them', () => {
  it('reads a BOM, CRLF line endings and NFD Hangul, and refuses binary junk', async () => {
    const dir = folder('bytes', {
      'bom-crlf.md': Buffer.from(`\uFEFF${itemSource(minimalFields({ id: 'bom' }))}`.replace(/\n/g, '\r\n'), 'utf8'),
      'nfd.md': itemSource(minimalFields({ id: 'nfd', summary_ko: '정책 변화'.normalize('NFD') })),
      'junk.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]),
      'latin1.txt': Buffer.from('---\nid: "caf\xe9"\n---\n', 'latin1'),
    });
    const { items, problems } = await loadItems(dir);
    expect(items.map((item) => item.id)).toEqual(['bom', 'nfd']);
    expect(items[1]?.summary.ko).toBe('정책 변화'.normalize('NFC'));
    expect(problems.map((p) => [p.file, p.message])).toEqual([
      ['junk.md', 'is not a text file (binary content)'],
      ['latin1.txt', 'is not valid UTF-8 text: save it as UTF-8'],
    ]);
  });

  it('says "save as UTF-8" for UTF-16 files, with or without a byte-order mark', async () => {
    const text = itemSource(minimalFields({ id: 'wide' }));
    const bigEndian = Buffer.from(text, 'utf16le').swap16();
    const dir = folder('utf16', {
      'le-bom.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'be-bom.md': Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]),
      'le-bare.md': Buffer.from(text, 'utf16le'),
      'korean-le.md': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(itemSource(minimalFields({ id: 'ko', title: '반도체 수출 회복' })), 'utf16le'),
      ]),
      'fine.md': text,
    });
    const { items, problems } = await loadItems(dir);
    expect(items.map((item) => item.id)).toEqual(['wide']);
    expect(problems.map((p) => [p.file, p.message.replace(/: save it as UTF-8.*/, ': save it as UTF-8')])).toEqual([
      ['be-bom.md', 'is saved as UTF-16 (big-endian): save it as UTF-8'],
      ['korean-le.md', 'is saved as UTF-16 (little-endian): save it as UTF-8'],
      ['le-bare.md', 'is saved as UTF-16 (little-endian): save it as UTF-8'],
      ['le-bom.md', 'is saved as UTF-16 (little-endian): save it as UTF-8'],
    ]);
  });

  it('reports a symbolic link (to a file, a folder, or nothing) instead of skipping it silently', async () => {
    const outside = folder('outside', { 'real.md': itemSource(minimalFields({ id: 'outside' })) });
    const dir = folder('links', { 'own.md': itemSource(minimalFields({ id: 'own' })), 'notes.png': 'x' });
    symlinkSync(path.join(outside, 'real.md'), path.join(dir, 'linked.md'));
    symlinkSync(path.join(dir, 'own.md'), path.join(dir, 'again.md'));
    symlinkSync(outside, path.join(dir, 'folder'));
    symlinkSync(path.join(dir, 'missing.md'), path.join(dir, 'dangling.md'));
    symlinkSync(path.join(dir, 'notes.png'), path.join(dir, 'picture.png'));
    const result = await loadItems(dir);
    expect(result.items.map((item) => item.id)).toEqual(['own']);
    expect(result.problems.map((p) => [p.file, p.severity, p.code])).toEqual([
      ['again.md', 'error', 'CONTENT_FILE'],
      ['dangling.md', 'error', 'CONTENT_FILE'],
      ['folder', 'error', 'CONTENT_FILE'],
      ['linked.md', 'error', 'CONTENT_FILE'],
    ]);
    expect(result.problems[0]?.message).toMatch(/is a symbolic link, which Gazette does not follow: copy the file/);
    // "5 files: 1 valid", not "1 file: 1 valid".
    expect(result.files).toBe(5);
    expect(await findContentFiles(dir)).toEqual(['own.md']);
  });

  it('a folder named like an item is walked, not read', async () => {
    const dir = folder('dir-named-md', { 'x.md/inner.md': itemSource(minimalFields({ id: 'inner' })) });
    const { items, problems } = await loadItems(dir);
    expect(problems).toEqual([]);
    expect(items.map((item) => [item.id, item.file])).toEqual([['inner', 'x.md/inner.md']]);
  });
});

describe('loadItems: an over-long headline', () => {
  it('is one error for its file; the other files still load', async () => {
    const dir = folder('long-title', {
      'a.md': itemSource(minimalFields({ id: 'a', title: 'Breaking '.repeat(12_000) })),
      'b.md': itemSource(minimalFields({ id: 'b' })),
    });
    const result = await loadItems(dir);
    expect(result.items.map((item) => item.id)).toEqual(['b']);
    expect(result.problems).toEqual([
      expect.objectContaining({ file: 'a.md', field: 'title', severity: 'error', message: expect.stringMatching(/^at most 300 characters \(a headline\); this one has 107999$/) }),
    ]);
  });
});

describe('loadItems: ids that only look the same', () => {
  it('an id with a zero-width space cannot pass as a second id: its file is an error', async () => {
    const dir = folder('zero-width-id', {
      'a.md': itemSource(minimalFields({ id: 'same' })),
      'b.md': itemSource(minimalFields({ id: 'same\u200b' })),
      'c.md': itemSource(minimalFields({ id: 'same&#x200B;' })),
    });
    const result = await loadItems(dir);
    expect(result.items.map((item) => item.id)).toEqual(['same']);
    expect(result.problems.map((p) => [p.file, p.field, p.severity])).toEqual([
      ['b.md', 'id', 'error'],
      ['c.md', 'id', 'error'],
    ]);
  });
});

describe('loadItems: the folder itself', () => {
  it('a missing folder is one clear error naming the fix', async () => {
    const error = await loadItems(path.join(temp, 'nope')).catch((e: unknown) => e);
    expect(isGazetteError(error, 'CONTENT_DIR')).toBe(true);
    expect((error as Error).message).toMatch(/Cannot read the content folder .*nope: ENOENT\. Pass --content DIR/);
  });

  it('an empty folder loads nothing, without problems', async () => {
    expect(await loadItems(folder('empty', {}))).toEqual({ items: [], problems: [], files: 0 });
  });
});

describe('loadItems: 5,000 files', () => {
  it('loads them all without running out of file handles (EMFILE)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) {
      files[`d${i % 10}/${String(i).padStart(4, '0')}.md`] = itemSource(
        minimalFields({ id: `bulk_${i}`, summary_ko: '대량 항목', categories: ['tech'] }),
      );
    }
    const dir = folder('bulk', files);
    const { items, problems, files: count } = await loadItems(dir);
    expect(count).toBe(5000);
    expect(problems).toEqual([]);
    expect(new Set(items.map((item) => item.id)).size).toBe(5000);
  });
});

describe('loadItems: the shipped sample content', async () => {
  const { items, problems } = await loadItems(SAMPLE);

  it('loads every file with no error', () => {
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(items.length).toBeGreaterThanOrEqual(33);
  });

  it('has Korean-only, English-only and bilingual items, and the seed as it is', () => {
    const only = (ko: boolean, en: boolean) =>
      items.filter((i) => (i.summary.ko !== undefined) === ko && (i.summary.en !== undefined) === en).length;
    expect(only(true, false)).toBeGreaterThanOrEqual(3);
    expect(only(false, true)).toBeGreaterThanOrEqual(3);
    expect(only(true, true)).toBeGreaterThan(items.length / 2);
    expect(items.find((i) => i.file === '000_f5beccd6e375b693.txt')?.id).toBe('daily_20260220_007');
  });

  it('links only to example domains', () => {
    const hosts = new Set(
      items.filter((i) => i.file !== '000_f5beccd6e375b693.txt').map((i) => new URL(i.canonicalUrl ?? 'x:').hostname),
    );
    expect([...hosts]).toEqual(['news.example.com']);
  });
});
