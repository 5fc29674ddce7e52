import { describe, expect, it } from 'vitest';
import { isNotModified, validatorsFor } from '../../src/archive/freshness.ts';
import { isEditionDate } from '../../src/archive/is-edition-date.ts';
import { paginate, parsePageParam } from '../../src/archive/paginate.ts';
import { pastEditions } from '../../src/archive/past-editions.ts';
import { staticUrls } from '../../src/archive/static-urls.ts';
import type { Edition } from '../../src/edition/edition.ts';

describe('validators and conditional requests (RFC 9110 §13)', () => {
  const modified = Date.parse('2026-03-02T06:30:15.750Z');
  const validators = validatorsFor('<p>page</p>', modified);

  it('tags the exact bytes and cuts Last-Modified to whole seconds', () => {
    expect(validators.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(validatorsFor('<p>page!</p>', modified).etag).not.toBe(validators.etag);
    expect(validators.lastModified.toISOString()).toBe('2026-03-02T06:30:15.000Z');
    // A file dated in the future (clock skew) never makes Last-Modified lie ahead of now.
    expect(validatorsFor('x', Date.now() + 86_400_000).lastModified.getTime()).toBeLessThanOrEqual(
      Date.now(),
    );
  });

  it('If-None-Match: a list, weak tags and * match; another tag does not', () => {
    expect(isNotModified({ ifNoneMatch: validators.etag }, validators)).toBe(true);
    expect(isNotModified({ ifNoneMatch: `"a", W/${validators.etag}` }, validators)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '*' }, validators)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"a", "b"' }, validators)).toBe(false);
  });

  it('If-Modified-Since counts only without If-None-Match, and ignores a date it cannot read', () => {
    const at = validators.lastModified.toUTCString();
    expect(isNotModified({ ifModifiedSince: at }, validators)).toBe(true);
    expect(isNotModified({ ifModifiedSince: new Date(modified - 60_000).toUTCString() }, validators)).toBe(
      false,
    );
    expect(isNotModified({ ifModifiedSince: 'yesterday' }, validators)).toBe(false);
    expect(isNotModified({ ifNoneMatch: '"other"', ifModifiedSince: at }, validators)).toBe(false);
  });
});

describe('archive parts', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(['2026-03-02', '2024-02-29'].every(isEditionDate)).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-3-2',
      '2026-03-02T00:00',
      ' 2026-03-02',
      'feed.xml',
      '',
    ]) {
      expect(isEditionDate(bad), bad).toBe(false);
    }
  });

  it('pages 1-based, always has a first page, and refuses pages that do not exist', () => {
    const items = Array.from({ length: 61 }, (_, i) => i);
    expect(paginate(items, 1, 30)).toEqual({ items: items.slice(0, 30), page: 1, pageCount: 3 });
    expect(paginate(items, 3, 30)?.items).toEqual([60]);
    expect(paginate(items, 4, 30)).toBeUndefined();
    expect(paginate([], 1, 30)).toEqual({ items: [], page: 1, pageCount: 1 });
    expect([undefined, '1', '12'].map(parsePageParam)).toEqual([1, 1, 12]);
    expect(['0', '01', '-1', '1.5', '1e3', 'x', ''].map(parsePageParam)).toEqual(Array(7).fill(undefined));
  });

  it('keeps the editions whose date has come, newest first', () => {
    const edition = (date: string): Edition => ({
      date,
      timeZone: 'Asia/Seoul',
      sections: [],
      advertising: false,
    });
    const all = ['2026-03-01', '2026-03-03', '2026-03-02', '2026-02-28'].map(edition);
    expect(pastEditions(all, '2026-03-02').map((e) => e.date)).toEqual([
      '2026-03-02',
      '2026-03-01',
      '2026-02-28',
    ]);
  });

  it('static links climb to the output folder first; subscribing is absolute (the web app)', () => {
    const from = (dir: string) => staticUrls(dir, 'https://news.example/n');
    expect(from('archive').index(2)).toBe('../archive/page-2.html');
    expect(from('archive').edition('2026-03-02', 'both')).toBe('../2026-03-02/web/index.html');
    expect(from('2026-03-02/web').edition('2026-03-02', 'ko')).toBe('../../2026-03-02/web/ko.html');
    expect(from('2026-03-02/web').edition('2026-03-02', 'en', 'weekly')).toBe(
      '../../2026-03-02/web/weekly/en.html',
    );
    expect(from('2026-03-02/web').feed()).toBe('../../archive/feed.xml');
    expect(from('archive').subscribe()).toBe('https://news.example/n/subscribe');
  });
});
