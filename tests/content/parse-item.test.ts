import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseItem } from '../../src/content/parse-item.ts';
import type { ContentProblem } from '../../src/content/item.ts';
import { itemSource, minimalFields } from './item-source.ts';

const SEED = path.resolve(import.meta.dirname, '../../content/000_f5beccd6e375b693.txt');

function errors(problems: ContentProblem[]): Array<[string | undefined, string]> {
  return problems.filter((p) => p.severity === 'error').map((p) => [p.field, p.message]);
}

function parse(fields: Record<string, unknown>, body?: string): ReturnType<typeof parseItem> {
  return parseItem('a.md', itemSource(fields, body));
}

describe('parseItem: the seed', () => {
  const { item, problems } = parseItem('000_f5beccd6e375b693.txt', readFileSync(SEED, 'utf8'));

  it('loads with no problem and keeps every field', () => {
    expect(problems).toEqual([]);
    expect(item).toMatchObject({
      id: 'daily_20260220_007',
      file: '000_f5beccd6e375b693.txt',
      datePublished: '2026-02-20',
      dateIngested: '2026-02-22T06:48:15.528Z',
      source: {
        name: 'The Verge (AI)',
        id: 'the_verge_ai',
        type: 'rss',
        url: 'https://www.theverge.com/rss/ai-artificial-intelligence/index.xml',
      },
      canonicalUrl:
        'https://www.theverge.com/ai-artificial-intelligence/882005/amazon-blames-human-employees-for-an-ai-coding-agents-mistake',
      languageOriginal: 'en',
      categories: ['tech'],
      tags: ['ai-automation', 'aws-outage', 'ai-safety', 'risk-management'],
      regions: ['global'],
      confidence: 0.9,
      sponsored: false,
    });
    expect(item?.summary.ko).toMatch(/^아마존의 AI 코딩 어시스턴트 'Kiro'가/);
    expect(item?.summary.en).toMatch(/^Amazon's AI coding assistant 'Kiro'/);
    expect(item?.soWhat.ko).toMatch(/^AI 자동화 도구 도입 시/);
    expect(item?.soWhat.en).toMatch(/^This incident highlights/);
    expect(item?.keyPoints).toEqual({
      en: [
        "Amazon's AI coding agent Kiro caused 13-hour AWS outage",
        'AI deleted and recreated environment without proper oversight',
        'Human approval error gave AI excessive permissions',
        'Incident affected AWS services in mainland China',
      ],
    });
    expect(item?.body).toMatch(/^<div class="lang-ko">/);
    expect(item?.body).toMatch(/## Key Points/);
  });

  it('decodes the HTML entity in the title once', () => {
    expect(item?.title).toEqual({ en: 'Amazon blames human employees for an AI coding agent’s mistake' });
  });
});

describe('parseItem: required fields', () => {
  it('accepts the minimal item', () => {
    expect(parse(minimalFields())).toMatchObject({ problems: [], item: { id: 'item_1' } });
  });

  it.each(['id', 'title', 'date_published'])('reports a missing %s by name', (field) => {
    const result = parse(minimalFields({ [field]: undefined }));
    expect(result.item).toBeUndefined();
    expect(errors(result.problems)).toEqual([[field, 'is required']]);
  });

  it.each([null, '', '   '])('reports an empty id (%j)', (id) => {
    const result = parse(minimalFields({ id }));
    expect(errors(result.problems)).toEqual([['id', id === null ? 'is required' : 'must not be empty']]);
  });

  it('needs at least one summary; either language is enough', () => {
    const none = parse(minimalFields({ summary_en: undefined, summary_ko: '  ' }));
    expect(errors(none.problems)).toEqual([['summary_ko', 'at least one of summary_ko or summary_en is required']]);
    expect(parse(minimalFields({ summary_en: undefined, summary_ko: '요약' })).item?.summary).toEqual({ ko: '요약' });
    expect(parse(minimalFields()).item?.summary).toEqual({ en: 'A summary.' });
  });

  // Checked after cleaning: text that cleaning empties would give an empty headline or id.
  it.each([
    ['title', '&nbsp;'],
    ['title', '&#x202E;'],
    ['title', '\u202e\u0007 '],
    ['id', '&#x202E;'],
  ])('reports %s %j, empty once cleaned', (field, value) => {
    const result = parse(minimalFields({ [field]: value }));
    expect(result.item).toBeUndefined();
    expect(errors(result.problems)).toEqual([[field, 'must not be empty']]);
  });

  it.each([
    ['same\u200b', '200B'],
    ['same&#x200B;', '200B'],
    ['sa\u200cme', '200C'],
    ['sa\u200dme', '200D'],
    ['sa\u2060me', '2060'],
    ['sa\ufeffme', 'FEFF'],
    ['same\u200e', '200E'],
    ['same\u200f', '200F'],
    ['same&#xAD;', '00AD'],
    ['sa\u00a0me', '00A0'],
    ['sa\tme', '0009'],
  ])('refuses an invisible character in the id (%j)', (id, hex) => {
    const result = parse(minimalFields({ id }));
    expect(result.item).toBeUndefined();
    expect(errors(result.problems)).toEqual([
      ['id', `must not contain invisible characters or whitespace other than a space (found U+${hex}): retype it`],
    ]);
  });

  it('an id that is only a zero-width space is refused', () => {
    expect(errors(parse(minimalFields({ id: '&#8203;' })).problems)).toEqual([
      ['id', 'must not contain invisible characters or whitespace other than a space (found U+200B): retype it'],
    ]);
  });

  it('keeps ids with spaces, Hangul and punctuation', () => {
    expect(parse(minimalFields({ id: '데일리 2026-03-02 #1' })).item?.id).toBe('데일리 2026-03-02 #1');
  });

  it.each(['&#x202E;', '&nbsp;', '\u2066'])('a summary that is only %j is no summary', (summary) => {
    const result = parse(minimalFields({ summary_en: summary, summary_ko: ' &#x202E; ' }));
    expect(errors(result.problems)).toEqual([['summary_ko', 'at least one of summary_ko or summary_en is required']]);
  });

  it('cleans once: an encoded entity is kept as its text, never decoded again into nothing', () => {
    const result = parse(minimalFields({ title: '&amp;nbsp;', summary_en: '&amp;#x202E;' }));
    expect(result.problems).toEqual([]);
    expect(result.item?.title).toEqual({ en: '&nbsp;' });
    expect(result.item?.summary).toEqual({ en: '&#x202E;' });
  });

  it('reports every missing field at once, each with the file', () => {
    const result = parseItem('dir/x.md', '---\nsource_name: "Only this"\n---\n');
    expect(result.problems.map((p) => [p.file, p.field, p.severity])).toEqual([
      ['dir/x.md', 'id', 'error'],
      ['dir/x.md', 'title', 'error'],
      ['dir/x.md', 'date_published', 'error'],
      ['dir/x.md', 'summary_ko', 'error'],
    ]);
  });
});

describe('parseItem: wrong types are reported, never thrown', () => {
  it.each([
    ['a number title', { title: 123 }, 'title', 'must be text (put it in quotes)'],
    ['a number id', { id: 42 }, 'id', 'must be text (put it in quotes)'],
    ['a string confidence', { confidence: '0.9' }, 'confidence', 'must be a number from 0 to 1, without quotes'],
    ['a confidence above 1', { confidence: 4 }, 'confidence', 'must be from 0 to 1'],
    ['a negative confidence', { confidence: -0.1 }, 'confidence', 'must be from 0 to 1'],
    ['categories as a mapping', { categories: { tech: true } }, 'categories', 'must be a list such as ["tech", "policy"]'],
    ['a number in tags', { tags: ['ok', 7] }, 'tags.1', 'each entry must be text'],
    ['a list as summary', { summary_en: ['a', 'b'] }, 'summary_en', 'must be text (put it in quotes)'],
    ['sponsored as text', { sponsored: 'yes' }, 'sponsored', 'must be true or false'],
    ['a number date', { date_published: 20260302 }, 'date_published', 'must be a date such as "2026-03-02" (in quotes)'],
    ['an id over 200 characters', { id: 'x'.repeat(201) }, 'id', 'at most 200 characters (an id); this one has 201'],
  ])('%s', (_name, override, field, message) => {
    const result = parse(minimalFields(override));
    expect(result.item).toBeUndefined();
    expect(errors(result.problems)).toEqual([[field, message]]);
  });

  it('reads an unquoted YAML value as YAML does: `title: 123` is a number', () => {
    const result = parseItem('a.md', '---\nid: a\ntitle: 123\ndate_published: 2026-03-02\nsummary_en: s\n---\n');
    expect(errors(result.problems)).toEqual([['title', 'must be text (put it in quotes)']]);
  });

  it('keeps an unquoted date a calendar date, not a UTC midnight', () => {
    const result = parseItem('a.md', '---\nid: a\ntitle: t\ndate_published: 2026-03-02\nsummary_en: s\n---\n');
    expect(result.item?.datePublished).toBe('2026-03-02');
  });

  it('accepts a single string where a list is expected, and null as an empty list', () => {
    const result = parse(minimalFields({ categories: 'tech', tags: null }));
    expect(result.item?.categories).toEqual(['tech']);
    expect(result.item?.tags).toEqual([]);
  });
});

describe('parseItem: upper bounds', () => {
  it('reports a 108 KB title by name and length, so the file is skipped instead of the day failing', () => {
    const result = parse(minimalFields({ title: 'Breaking '.repeat(12_000) }));
    expect(result.item).toBeUndefined();
    // Measured after cleaning: the trailing space is trimmed.
    expect(errors(result.problems)).toEqual([['title', 'at most 300 characters (a headline); this one has 107999']]);
  });

  it.each([
    ['title_ko', { title_ko: '가'.repeat(301) }, 'title_ko', 'at most 300 characters (a headline); this one has 301'],
    ['title_en', { title_en: 'x'.repeat(301) }, 'title_en', 'at most 300 characters (a headline); this one has 301'],
    ['source_name', { source_name: 'x'.repeat(201) }, 'source_name', 'at most 200 characters (a name); this one has 201'],
    ['canonical_url', { canonical_url: `https://e.example/${'x'.repeat(2000)}` }, 'canonical_url', 'at most 2000 characters (a link); this one has 2018'],
    ['summary_ko', { summary_ko: '요'.repeat(5001) }, 'summary_ko', 'at most 5000 characters (a summary); this one has 5001'],
    ['so_what_en', { so_what_en: 'x'.repeat(2001) }, 'so_what_en', 'at most 2000 characters (a short callout); this one has 2001'],
    ['a key point', { key_points: ['ok', 'x'.repeat(1001)] }, 'key_points.1', 'at most 1000 characters (a key point); this one has 1001'],
    ['key point count', { key_points_en: Array.from({ length: 21 }, (_, i) => `p${i}`) }, 'key_points_en', 'at most 20 key points; this one has 21'],
    ['a category', { categories: ['x'.repeat(101)] }, 'categories.0', 'at most 100 characters (a label); this one has 101'],
    ['tag count', { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags', 'at most 50 entries; this one has 51'],
  ])('reports an over-long %s', (_name, override, field, message) => {
    const result = parse(minimalFields(override));
    expect(result.item).toBeUndefined();
    expect(errors(result.problems)).toEqual([[field, message]]);
  });

  it('accepts every field at its limit', () => {
    const result = parse(
      minimalFields({
        title: 'x'.repeat(300),
        title_ko: '가'.repeat(300),
        summary_ko: '요'.repeat(5000),
        summary_en: 'x'.repeat(5000),
        so_what_en: 'x'.repeat(2000),
        key_points: Array.from({ length: 20 }, () => 'x'.repeat(1000)),
        categories: Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(100, 'x')),
        canonical_url: `https://e.example/${'x'.repeat(1982)}`,
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.item?.keyPoints.en).toHaveLength(20);
  });

  it('counts cleaned text: entities and blank key points do not count against the limit', () => {
    const result = parse(
      minimalFields({ title: '&#8217;'.repeat(300), key_points: [...Array.from({ length: 20 }, () => 'p'), ' ', '&nbsp;'] }),
    );
    expect(result.problems).toEqual([]);
    expect(result.item?.title.en).toHaveLength(300);
  });
});

describe('parseItem: dates', () => {
  it.each(['2026-13-45', '2026-02-30', '2025-02-29', '2026-00-10', '2026-3-2', 'March 2, 2026', '2026-03-02T24:00:00Z', '2026-03-02T10:60:00Z', '2026-03-02T10:00:00+25:00', 'yesterday'])(
    'rejects %s',
    (date) => {
      const result = parse(minimalFields({ date_published: date }));
      expect(errors(result.problems)).toEqual([
        [
          'date_published',
          'is not a real date: use YYYY-MM-DD or an ISO 8601 timestamp such as 2026-03-02T08:30:00+09:00',
        ],
      ]);
    },
  );

  it.each(['2028-02-29', '2026-03-02T23:30:00Z', '2026-03-02T08:30:00+09:00', '2026-03-02T08:30:00+0900', '2026-03-02 08:30', '2026-03-02T08:30:00.123Z', '2026-03-02T08:30:00'])(
    'accepts %s as written',
    (date) => {
      const result = parse(minimalFields({ date_published: date }));
      expect(result.problems).toEqual([]);
      expect(result.item?.datePublished).toBe(date);
    },
  );
});

describe('parseItem: text', () => {
  it('decodes entities exactly once', () => {
    const result = parse(
      minimalFields({
        title: 'Double &amp;#8217; stays',
        summary_en: 'It&#8217;s &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; &#x1F4F0;',
        so_what_ko: '&lt;script&gt;alert(1)&lt;/script&gt;',
        key_points: ['AT&T and R&D stay', '&copy2026 is not an entity'],
      }),
    );
    expect(result.item?.title.en).toBe('Double &#8217; stays');
    expect(result.item?.summary.en).toBe('It’s "quoted" <b>bold</b> 📰');
    // Decoded text is text: the renderer escapes it, so this never becomes a tag.
    expect(result.item?.soWhat.ko).toBe('<script>alert(1)</script>');
    expect(result.item?.keyPoints.en).toEqual(['AT&T and R&D stay', '&copy2026 is not an entity']);
  });

  it('composes NFD Hangul to NFC and strips control and bidi characters', () => {
    const nfd = '한국어 요약'.normalize('NFD');
    expect(nfd).not.toBe('한국어 요약');
    const result = parse(minimalFields({ summary_ko: nfd, title: `제목\u202e\u0007`, categories: ['기술'.normalize('NFD')] }));
    expect(result.item?.summary.ko).toBe('한국어 요약');
    expect(result.item?.title).toEqual({ ko: '제목' });
    expect(result.item?.categories).toEqual(['기술']);
  });

  it('puts the title under its detected language, and title_ko / title_en under theirs', () => {
    expect(parse(minimalFields({ title: '한국어 제목' })).item?.title).toEqual({ ko: '한국어 제목' });
    expect(parse(minimalFields({ title: 'English', title_ko: '한국어' })).item?.title).toEqual({
      ko: '한국어',
      en: 'English',
    });
    expect(parse(minimalFields({ title: 'Original', title_en: 'Edited' })).item?.title).toEqual({ en: 'Edited' });
  });

  it('files key_points under their language; key_points_ko / _en win for theirs', () => {
    expect(parse(minimalFields({ key_points: ['첫째', '둘째'] })).item?.keyPoints).toEqual({ ko: ['첫째', '둘째'] });
    expect(
      parse(minimalFields({ key_points: ['one'], key_points_ko: ['하나'], key_points_en: ['uno', ' ', ''] })).item
        ?.keyPoints,
    ).toEqual({ ko: ['하나'], en: ['uno'] });
  });

  it('drops empty optional text instead of keeping blanks', () => {
    const result = parse(minimalFields({ so_what_en: '   ', source_name: '' }));
    expect(result.item?.soWhat).toEqual({});
    expect(result.item?.source?.name).toBeUndefined();
  });

  it('reads sponsored', () => {
    expect(parse(minimalFields({ sponsored: true })).item?.sponsored).toBe(true);
    expect(parse(minimalFields({ sponsored: null })).item?.sponsored).toBe(false);
  });
});

describe('parseItem: URLs', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    '/relative/path',
    'news.example.com/no-scheme',
    '//news.example.com/protocol-relative',
    'ftp://files.example.com/a',
    'https://user:pass@news.example.com/a',
  ])('drops %s with a warning, and keeps the item', (url) => {
    const result = parse(minimalFields({ canonical_url: url, source_url: url }));
    expect(result.item?.canonicalUrl).toBeUndefined();
    expect(result.item?.source?.url).toBeUndefined();
    expect(result.problems.map((p) => [p.field, p.severity, p.code])).toEqual([
      ['source_url', 'warning', 'CONTENT_UNSAFE_URL'],
      ['canonical_url', 'warning', 'CONTENT_UNSAFE_URL'],
    ]);
  });

  it('keeps http(s) URLs', () => {
    const result = parse(
      minimalFields({ canonical_url: 'https://news.example.com/a?b=1#c', source_url: 'http://feeds.example.com/x.xml' }),
    );
    expect(result.problems).toEqual([]);
    expect(result.item?.canonicalUrl).toBe('https://news.example.com/a?b=1#c');
    expect(result.item?.source?.url).toBe('http://feeds.example.com/x.xml');
  });
});

describe('parseItem: damaged files', () => {
  const fileProblem = (source: string): ContentProblem[] => parseItem('bad.md', source).problems;

  it.each([
    ['an empty file', '', 'is empty: an item needs YAML front matter between two "---" lines'],
    ['a blank file', ' \n\n\t\n', 'is empty: an item needs YAML front matter between two "---" lines'],
    ['only ---', '---', 'front matter is not closed: add a line "---" after the last field'],
    ['--- and a newline', '---\n', 'front matter is not closed: add a line "---" after the last field'],
    ['unclosed front matter', '---\nid: a\ntitle: b\n', 'front matter is not closed: add a line "---" after the last field'],
    ['no front matter', 'Just notes.\n', 'has no YAML front matter: the first line must be "---" alone'],
    ['JavaScript front matter', '---js\n{ id: "x" }\n---\n', 'has no YAML front matter: the first line must be "---" alone'],
    ['binary junk', '\u0000\u0001PNG\u0000\u00ff', 'is not a text file (binary content)'],
    ['bytes that are not UTF-8', '---\nid: "caf\uFFFD"\n---\n', 'is not valid UTF-8 text: save it as UTF-8'],
    ['a YAML list', '---\n- a\n- b\n---\n', 'front matter must be a YAML mapping of field: value'],
    ['a YAML scalar', '---\njust text\n---\n', 'front matter must be a YAML mapping of field: value'],
  ])('%s is one error with a reason, never a throw', (_name, source, message) => {
    const problems = fileProblem(source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'bad.md', severity: 'error', message });
  });

  it('an empty front matter block reports the missing fields', () => {
    expect(fileProblem('---\n---\n').map((p) => p.field)).toEqual(['id', 'title', 'date_published', 'summary_ko']);
  });

  it('broken YAML names the line in the file', () => {
    const problems = fileProblem('---\nid: "a"\ntitle: "unclosed [\ndate_published: "2026-03-02"\n---\n');
    expect(problems).toEqual([
      expect.objectContaining({ code: 'CONTENT_YAML', severity: 'error', line: expect.any(Number) }),
    ]);
    expect(problems[0]?.message).toMatch(/^front matter is not valid YAML: /);
  });

  it('a duplicated key is a YAML error on its own line', () => {
    const source = itemSource(minimalFields()).replace('\n---\n\n', '\ntitle: "again"\n---\n\n');
    expect(fileProblem(source)).toEqual([
      expect.objectContaining({ message: 'front matter is not valid YAML: duplicated mapping key', line: 6 }),
    ]);
  });

  it('YAML tags that would build objects are refused (CORE schema)', () => {
    const problems = fileProblem('---\nid: !!js/function "function () {}"\n---\n');
    expect(problems[0]?.code).toBe('CONTENT_YAML');
  });

  it('a BOM, CRLF line endings and a --- line with trailing spaces all load', () => {
    const source = `\uFEFF${itemSource(minimalFields({ summary_en: 'one\r\ntwo' }))}`
      .replace(/\n/g, '\r\n')
      .replace('---', '---  ');
    const result = parseItem('a.md', source);
    expect(result.problems).toEqual([]);
    expect(result.item?.id).toBe('item_1');
    expect(result.item?.summary.en).toBe('one\ntwo');
  });

  it('a huge file is refused without parsing', () => {
    const problems = fileProblem(`${itemSource(minimalFields())}${'x'.repeat(1_100_000)}`);
    expect(problems[0]?.message).toMatch(/^is larger than 1000000 characters/);
  });
});

describe('parseItem: unknown fields', () => {
  it('warns about a field it does not know, and names the likely one', () => {
    const result = parse(minimalFields({ summery_en: 'typo', so_what_kr: 'typo', editor: 'Kim' }));
    expect(result.item).toBeDefined();
    expect(result.problems.map((p) => [p.field, p.severity, p.message])).toEqual([
      ['summery_en', 'warning', 'is not a known field and was ignored; did you mean summary_en?'],
      ['so_what_kr', 'warning', 'is not a known field and was ignored; did you mean so_what_ko?'],
      ['editor', 'warning', 'is not a known field and was ignored'],
    ]);
  });
});
