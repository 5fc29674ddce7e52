import { utimesSync, rmSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadItems } from '../../src/content/load-items.ts';
import { buildEditions } from '../../src/edition/build-editions.ts';
import { today } from '../../src/edition/local-date.ts';
import { renderDigest } from '../../src/render/render-digest.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { archiveConfig, BIG_DAY, BIG_DAY_ITEMS, createArchiveFixture } from './archive-fixture.ts';
import type { ArchiveFixture } from './archive-fixture.ts';
import { startArchiveServer } from './archive-server.ts';
import type { ArchiveServer } from './archive-server.ts';

const html = (source: string) => parseHTML(source).document;
const xml = (source: string) => new (parseHTML('').DOMParser)().parseFromString(source, 'text/xml');

let fixture: ArchiveFixture;
let server: ArchiveServer;

beforeAll(async () => {
  fixture = createArchiveFixture();
  server = await startArchiveServer(fixture);
});

afterAll(async () => {
  await server.close();
  fixture.cleanup();
});

describe('GET /archive over the sample content', () => {
  it('lists every past date of the sample content, newest first, with item and category counts', async () => {
    const project = await loadConfig({ cwd: path.resolve(import.meta.dirname, '../..') });
    const { items } = await loadItems(project.contentDir);
    const editions = buildEditions(items, project).filter((e) => e.date <= today(project.timeZone));
    expect(editions.length).toBeGreaterThan(1);
    const sample = await startArchiveServer(
      { ...fixture, config: (base) => archiveConfig(base, project.contentDir, fixture.outDir) },
      editions.map((e) => e.date),
    );
    try {
      const response = await sample.get('/archive');
      expect(response.status).toBe(200);
      const doc = html(await response.text());
      const listed = [...doc.querySelectorAll('.editions time')].map((t) => t.getAttribute('dateTime'));
      expect(listed).toEqual(editions.map((e) => e.date));
      const first = editions[0]!;
      const count = first.sections.reduce((n, s) => n + s.items.length, 0);
      const row = doc.querySelector('.editions > li')!;
      expect(row.querySelector('p[lang="en"]')?.textContent).toContain(`${count} stor`);
      expect(row.querySelector('p[lang="ko"]')?.textContent).toContain(`${count}건`);
    } finally {
      await sample.close();
    }
  });
});

describe('GET /archive', () => {
  it('pages the past editions newest first with rel=prev/next, in Korean and English, never a future date', async () => {
    const first = await server.get('/archive');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const one = html(await first.text());
    const two = html(await (await server.get('/archive?page=2')).text());
    const dates = [one, two].flatMap((doc) =>
      [...doc.querySelectorAll('.editions time')].map((t) => t.getAttribute('dateTime')),
    );
    expect(dates).toEqual(fixture.pastDates);
    expect(dates).not.toContain(fixture.futureDate);
    expect(one.querySelector('link[rel="next"]')?.getAttribute('href')).toBe('/archive?page=2');
    expect(one.querySelector('link[rel="prev"]')).toBeNull();
    expect(two.querySelector('link[rel="prev"]')?.getAttribute('href')).toBe('/archive');
    expect(two.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/archive');
    expect(one.documentElement.getAttribute('lang')).toBe('ko');
    expect(one.querySelector('h1 [lang="en"]')?.textContent).toBe('Past editions');
    // The big day: 60 items over four categories, the escaped label counted too.
    const big = one.querySelector('.editions > li')!;
    expect(big.querySelector('p[lang="en"]')?.textContent).toBe(
      `${BIG_DAY_ITEMS} stories — Technology 15, Business 15, Policy 15, R&D <Labs> "quoted" 15`,
    );
    // React writes hrefLang in camelCase (HTML ignores the case; linkedom does not).
    const korean = [...big.querySelectorAll('a')].find((a) => a.getAttribute('hrefLang') === 'ko');
    expect(korean?.getAttribute('href')).toBe(`/archive/${BIG_DAY}?lang=ko`);
  });

  it('sends /archive/ and /archive/DATE/ to the one URL without the slash', async () => {
    const index = await server.get('/archive/?page=2');
    expect(index.status).toBe(301);
    expect(index.headers.get('location')).toBe('/archive?page=2');
    const edition = await server.get(`/archive/${BIG_DAY}/?lang=ko`);
    expect(edition.headers.get('location')).toBe(`/archive/${BIG_DAY}?lang=ko`);
  });

  it.each(['0', '3', 'abc', '1.5', '-1'])('?page=%s is a 404', async (page) => {
    expect((await server.get(`/archive?page=${page}`)).status).toBe(404);
  });
});

describe('GET /archive/:date', () => {
  it('shows every item of a 60-item day in full, including the ones its email compacted', async () => {
    const email = await renderDigest(await bigEdition(), {
      config: server.config,
      list: { ...server.config.lists[0]!, categories: [] },
      locale: 'bilingual',
    });
    expect(email.compactedItemIds.length).toBeGreaterThan(0);
    expect(email.compactedItemIds).toContain('last story: Q&A #60 (special)');
    for (const lang of ['both', 'ko', 'en'] as const) {
      const response = await server.get(`/archive/${BIG_DAY}?lang=${lang}`);
      expect(response.status).toBe(200);
      const doc = html(await response.text());
      for (const id of fixture.bigDayIds) {
        const anchor = doc.getElementById(`item-${id}`);
        expect(anchor, `item-${id} on ?lang=${lang}`).not.toBeNull();
        // In full: the summary is there, not only the headline.
        expect(anchor?.textContent).toMatch(/Major chipmakers|주요 반도체/);
        expect(anchor?.getAttribute('lang')).toMatch(/^(ko|en)$/);
      }
      expect(doc.documentElement.getAttribute('lang')).toBe(lang === 'en' ? 'en' : 'ko');
      expect(doc.querySelector('main')).not.toBeNull();
      expect(
        doc.querySelector(`nav a[aria-current="page"][href="/archive/${BIG_DAY}?lang=${lang}"]`),
      ).not.toBeNull();
    }
  });

  it('carries no per-recipient token, placeholder or unsubscribe link', async () => {
    const body = await (await server.get(`/archive/${BIG_DAY}`)).text();
    expect(body).not.toContain('__GZ_');
    expect(body).not.toMatch(/\/(unsubscribe|preferences)\//);
    expect(body).not.toContain('digest@gazette.example'.replace('digest', 'subscriber'));
  });

  it("resolves every link of an email's HTML that points to the archive (view in browser, overflow)", async () => {
    const email = await renderDigest(await bigEdition(), {
      config: server.config,
      list: server.config.lists[0]!,
      locale: 'ko',
    });
    const hrefs = [...html(email.html).querySelectorAll('a')]
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => href.startsWith(`${server.base}/archive/`));
    const viewInBrowser = [...html(email.html).querySelectorAll('a')].find((a) =>
      a.textContent?.includes('브라우저에서 보기'),
    );
    expect(viewInBrowser?.getAttribute('href')).toBe(`${server.base}/archive/${BIG_DAY}?lang=ko`);
    expect(hrefs.some((href) => href.includes('#item-'))).toBe(true);
    for (const href of new Set(hrefs)) {
      const url = new URL(href);
      const response = await fetch(url);
      expect(response.status, href).toBe(200);
      if (url.hash !== '') {
        const doc = html(await response.text());
        expect(doc.getElementById(decodeURIComponent(url.hash.slice(1))), href).not.toBeNull();
      }
    }
  });

  it('answers a future date, impossible dates, other formats and unknown languages with a bilingual 404', async () => {
    for (const target of [
      `/archive/${fixture.futureDate}`,
      '/archive/2026-02-30',
      '/archive/2026-3-2',
      '/archive/20260302',
      '/archive/1999-01-01',
      `/archive/${BIG_DAY}?lang=fr`,
      `/archive/${BIG_DAY}/extra`,
      '/archive/%2e%2e%2fpackage.json',
      '/archive/..%2f..%2fgazette.config.ts',
    ]) {
      const response = await server.get(target);
      expect(response.status, target).toBe(404);
      const doc = html(await response.text());
      expect(doc.documentElement.getAttribute('lang')).toBe('ko');
      expect(doc.querySelector('h1')?.textContent).toContain('페이지를 찾을 수 없습니다');
      expect(doc.querySelector('h1 [lang="en"]')?.textContent).toBe('Page not found');
      expect(doc.querySelector('a[href="/archive"]')).not.toBeNull();
    }
  });
});

describe('GET /archive/feed.xml', () => {
  it('is well-formed Atom with one entry per past edition and the required elements', async () => {
    const response = await server.get('/archive/feed.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const source = await response.text();
    expect(XMLValidator.validate(source)).toBe(true);
    const doc = xml(source);
    const feed = doc.documentElement;
    expect(feed.tagName).toBe('feed');
    expect(feed.getAttribute('xmlns')).toBe('http://www.w3.org/2005/Atom');
    const child = (parent: Element, name: string) => [...parent.children].filter((c) => c.tagName === name);
    expect(child(feed, 'id')[0]?.textContent).toBe(`${server.base}/archive/feed.xml`);
    expect(child(feed, 'title')[0]?.textContent).toBe('가제트 데일리 · Gazette Daily');
    expect(child(feed, 'updated')[0]?.textContent).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/,
    );
    expect(child(feed, 'author')[0]?.textContent).toContain('Gazette Daily');
    const self = child(feed, 'link').find((link) => link.getAttribute('rel') === 'self');
    expect(self?.getAttribute('href')).toBe(`${server.base}/archive/feed.xml`);
    const entries = child(feed, 'entry');
    expect(entries.map((entry) => child(entry, 'id')[0]?.textContent)).toEqual(
      fixture.pastDates.map((date) => `${server.base}/archive/${date}`),
    );
    for (const entry of entries) {
      for (const name of ['title', 'updated', 'summary'])
        expect(child(entry, name)[0]?.textContent, name).toBeTruthy();
      const alternate = child(entry, 'link').find(
        (l) => l.getAttribute('rel') === 'alternate' && !l.hasAttribute('hreflang'),
      );
      expect((await fetch(alternate?.getAttribute('href') ?? '')).status).toBe(200);
    }
    // The label with & < > " arrives intact after XML unescaping.
    expect(child(entries[0]!, 'summary')[0]?.textContent).toContain('R&D <Labs> "quoted" 15');
  });
});

describe('caching', () => {
  it('sends ETag, Last-Modified and Cache-Control, and 304 on If-None-Match or If-Modified-Since', async () => {
    for (const target of ['/archive', `/archive/${BIG_DAY}?lang=en`, '/archive/feed.xml']) {
      const first = await server.get(target);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag') ?? '';
      const lastModified = first.headers.get('last-modified') ?? '';
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(Date.parse(lastModified)).not.toBeNaN();
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      const byTag = await server.get(target, { 'if-none-match': `W/"other", ${etag}` });
      expect(byTag.status).toBe(304);
      expect(await byTag.text()).toBe('');
      expect(byTag.headers.get('etag')).toBe(etag);
      expect((await server.get(target, { 'if-modified-since': lastModified })).status).toBe(304);
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
      expect((await server.get(target, { 'if-modified-since': earlier })).status).toBe(200);
      // If-None-Match decides when both are sent (RFC 9110 §13.2.2).
      expect(
        (await server.get(target, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status,
      ).toBe(200);
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const get = await server.get('/archive/feed.xml');
    const head = await fetch(`${server.base}/archive/feed.xml`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(await head.text()).toBe('');
  });

  it('keeps its own CSP (inline styles, no scripts) under the app security headers', async () => {
    const response = await server.get(`/archive/${BIG_DAY}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves what was sent: edits, additions and deletions of content change nothing; a new send shows', async () => {
    const target = '/archive/2026-01-05?lang=en';
    const before = await server.get(target);
    const etag = before.headers.get('etag') ?? '';
    expect(await before.text()).toContain('Brief of 2026-01-05');
    fixture.writeItem('small/2026-01-05.md', {
      id: 'small-2026-01-05',
      date: '2026-01-05',
      titleEn: 'Corrected brief',
    });
    const later = new Date(Date.now() + 2000);
    utimesSync(path.join(fixture.contentDir, 'small/2026-01-05.md'), later, later);
    const after = await server.get(target, { 'if-none-match': etag });
    expect(after.status).toBe(304);

    // Content of a date nobody was sent is not published, however past its date.
    fixture.writeItem('added/2026-02-10.md', { id: 'added', date: '2026-02-10', titleEn: 'Added later' });
    expect(await (await server.get('/archive')).text()).not.toContain('dateTime="2026-02-10"');
    expect((await server.get('/archive/2026-02-10')).status).toBe(404);
    await server.freeze(['2026-02-10']);
    const index = await (await server.get('/archive')).text();
    expect(index).toContain('dateTime="2026-02-10"');
    // Numbered in the order they were sent: 32 small days and the big day, then this one.
    expect(index).toContain('No. 34');
    expect(index).toContain('제34호');

    // Every content file deleted: the sent editions and the feed are still served, as sent.
    rmSync(fixture.contentDir, { recursive: true });
    const page = await server.get(target);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Brief of 2026-01-05');
    expect(text).not.toContain('Corrected brief');
    expect((await server.get(`/archive/${BIG_DAY}?lang=en`)).status).toBe(200);
    const feed = await (await server.get('/archive/feed.xml')).text();
    expect(feed).toContain('/archive/2026-02-10');
    expect(feed).toContain(`/archive/${BIG_DAY}`);
  });
});

async function bigEdition() {
  const { items } = await loadItems(fixture.contentDir);
  const edition = buildEditions(items, server.config).find((e) => e.date === BIG_DAY);
  if (edition === undefined) throw new Error('the fixture has no big day');
  return edition;
}
