import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveRoutes } from '../../src/archive/create-archive-routes.ts';
import { exportWebArchive } from '../../src/archive/export-web-archive.ts';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/output.ts';
import { loadItems } from '../../src/content/load-items.ts';
import { buildEditions } from '../../src/edition/build-editions.ts';
import type { Edition } from '../../src/edition/edition.ts';
import { testConfig } from '../fixtures/test-config.ts';
import { ARCHIVE_CONFIG_FILE, BIG_DAY, createArchiveFixture } from './archive-fixture.ts';
import type { ArchiveFixture } from './archive-fixture.ts';

let fixture: ArchiveFixture;

const build = async (...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false };
  const configFile = path.join(fixture.root, 'gazette.config.json');
  const code = await main(
    ['node', 'gazette', '--config', configFile, 'build', '--out', fixture.outDir, ...args],
    output,
  );
  return { code, out: out.join(''), err: err.join('') };
};
const read = (relative: string) => readFileSync(path.join(fixture.outDir, relative), 'utf8');
const doc = (relative: string) => parseHTML(read(relative)).document;

/** Every link of an exported page that names no existing file (relative to the page or the root). */
function brokenLinks(relative: string, outDir = fixture.outDir): string[] {
  const page = parseHTML(readFileSync(path.join(outDir, relative), 'utf8')).document;
  return (
    [...page.querySelectorAll('a[href], link[href]')]
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => !/^[a-z]+:/i.test(href))
      .map((href) => href.split('#')[0] ?? '')
      // Root-relative (the stubs, the 404 page): from the output folder, the public URL's root.
      .map((href) =>
        href.startsWith('/') ? href.slice(1) : path.posix.join(path.posix.dirname(relative), href),
      )
      .filter((target) => !existsSync(path.join(outDir, target)))
  );
}

beforeAll(() => {
  fixture = createArchiveFixture();
  writeFileSync(
    path.join(fixture.root, 'gazette.config.json'),
    JSON.stringify({ ...ARCHIVE_CONFIG_FILE, contentDir: 'content', outDir: 'out' }),
  );
});

afterAll(() => fixture.cleanup());

describe('gazette build: the static web archive', () => {
  it('--date D writes the web edition in every language and an archive that links only what exists', async () => {
    const result = await build('--date', BIG_DAY);
    expect(result.code).toBe(0);
    expect(result.out).toContain('web archive: 1 edition listed');
    for (const file of ['index.html', 'ko.html', 'en.html']) {
      const page = doc(`${BIG_DAY}/web/${file}`);
      for (const id of fixture.bigDayIds)
        expect(page.getElementById(`item-${id}`), `${file} item-${id}`).not.toBeNull();
      expect(read(`${BIG_DAY}/web/${file}`)).not.toContain('__GZ_');
    }
    expect(doc(`${BIG_DAY}/web/en.html`).documentElement.getAttribute('lang')).toBe('en');
    const index = doc('archive/index.html');
    expect([...index.querySelectorAll('.editions time')].map((t) => t.getAttribute('dateTime'))).toEqual([
      BIG_DAY,
    ]);
    for (const page of ['archive/index.html', `${BIG_DAY}/web/index.html`, `${BIG_DAY}/web/ko.html`]) {
      expect(brokenLinks(page), page).toEqual([]);
    }
    expect(existsSync(path.join(fixture.outDir, 'archive', BIG_DAY, 'index.html'))).toBe(true);
    expect(existsSync(path.join(fixture.outDir, 'archive', '2026-01-05'))).toBe(false);
  });

  it('--all lists every past edition over pages, keeps the future one unlisted, and writes a valid feed', async () => {
    const result = await build('--all');
    expect(result.code).toBe(0);
    const pages = ['archive/index.html', 'archive/page-2.html'];
    const dates = pages.flatMap((page) =>
      [...doc(page).querySelectorAll('.editions time')].map((t) => t.getAttribute('dateTime')),
    );
    expect(dates).toEqual(fixture.pastDates);
    expect(existsSync(path.join(fixture.outDir, 'archive', 'page-3.html'))).toBe(false);
    for (const page of [...pages, 'archive/2026-01-05/index.html', '2026-01-05/web/en.html']) {
      expect(brokenLinks(page), page).toEqual([]);
    }
    // The future day gets its preview files, but no archive entry, stub or feed entry.
    expect(existsSync(path.join(fixture.outDir, fixture.futureDate, 'web', 'index.html'))).toBe(true);
    expect(existsSync(path.join(fixture.outDir, 'archive', fixture.futureDate))).toBe(false);
    const feed = read('archive/feed.xml');
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(feed.match(/<entry>/g)?.length).toBe(fixture.pastDates.length);
    expect(feed).not.toContain(fixture.futureDate);
    // The 404 page links back with root-relative links: a host may serve it at any path.
    expect(doc('archive/404.html').querySelector('a[href="/archive/index.html"]')).not.toBeNull();
  });

  it('the stub behind an email link sends ?lang= and #item- on to the right file', () => {
    const stub = read(`archive/${BIG_DAY}/index.html`);
    expect(stub).toContain(`"/${BIG_DAY}/web/"`);
    expect(stub).toContain(`url=/${BIG_DAY}/web/index.html`);
    expect(stub).toContain('location.hash');
  });
});

describe('the static archive of two lists with an edition on the same date', () => {
  const PUBLIC_URL = 'https://news.example';
  /** Of the big day: the daily list sent its tech and business items, the weekly one the rest. */
  const twoLists = async () => {
    const outDir = path.join(fixture.root, 'out-two-lists');
    const lists = [...ARCHIVE_CONFIG_FILE.lists, { id: 'weekly', name: { ko: '위클리', en: 'Weekly' } }];
    const config = testConfig(
      { ...ARCHIVE_CONFIG_FILE, lists },
      {
        rootDir: fixture.root,
        env: { GAZETTE_PUBLIC_URL: PUBLIC_URL },
        flags: { contentDir: fixture.contentDir, outDir },
      },
    );
    const { items } = await loadItems(fixture.contentDir);
    const day = buildEditions(items, config).find((edition) => edition.date === BIG_DAY);
    if (day === undefined) throw new Error('no big day');
    const daily = new Set(['tech', 'business']);
    const of = (listId: string, keep: boolean): Edition => ({
      ...day,
      listId,
      number: 1,
      sections: day.sections.filter((section) => daily.has(section.id) === keep),
    });
    const editions = [of('daily', true), of('weekly', false)];
    const idsOf = (edition: Edition) => edition.sections.flatMap((s) => s.items.map((item) => item.id));
    return { config, outDir, editions, dailyIds: idsOf(editions[0]!), weeklyIds: idsOf(editions[1]!) };
  };

  it('writes each list its own pages, lists both with their own links, and links to subscribing', async () => {
    const { config, outDir, editions, dailyIds, weeklyIds } = await twoLists();
    expect(dailyIds.length).toBeGreaterThan(0);
    expect(weeklyIds.length).toBeGreaterThan(0);
    await exportWebArchive({ config, editions, dates: [BIG_DAY] });
    const page = (relative: string) => parseHTML(readFileSync(path.join(outDir, relative), 'utf8')).document;
    const anchors = (relative: string) =>
      [...page(relative).querySelectorAll('[id^="item-"]')].map((el) => el.getAttribute('id'));
    // The first list keeps DATE/web/; the second has DATE/web/weekly/: neither overwrites the other.
    for (const file of ['index.html', 'ko.html', 'en.html']) {
      expect(anchors(`${BIG_DAY}/web/${file}`)).toEqual(dailyIds.map((id) => `item-${id}`));
      expect(anchors(`${BIG_DAY}/web/weekly/${file}`)).toEqual(weeklyIds.map((id) => `item-${id}`));
    }
    const index = page('archive/index.html');
    const rows = [...index.querySelectorAll('.editions > li')];
    expect(rows.map((row) => row.querySelector('h2 a')?.getAttribute('href'))).toEqual([
      `../${BIG_DAY}/web/index.html`,
      `../${BIG_DAY}/web/weekly/index.html`,
    ]);
    expect(rows[1]?.querySelector('h2')?.textContent).toContain('Weekly');
    for (const relative of ['archive/index.html', `${BIG_DAY}/web/weekly/en.html`, `${BIG_DAY}/web/ko.html`])
      expect(brokenLinks(relative, outDir), relative).toEqual([]);
    // The weekly page's language switch stays in the weekly folder.
    const switchOf = (relative: string) =>
      [...page(relative).querySelectorAll('.gz-langs a')].map((a) => a.getAttribute('href'));
    expect(switchOf(`${BIG_DAY}/web/weekly/ko.html`)).toEqual(
      ['index', 'ko', 'en'].map((file) => `../../../${BIG_DAY}/web/weekly/${file}.html`),
    );
    // Subscribing needs the web app: every exported page links to GAZETTE_PUBLIC_URL/subscribe.
    for (const relative of ['archive/index.html', 'archive/404.html', `${BIG_DAY}/web/weekly/index.html`])
      expect(
        page(relative).querySelector('a.subscribe, a.gz-subscribe')?.getAttribute('href'),
        relative,
      ).toBe(`${PUBLIC_URL}/subscribe`);
    // One stand-in for the date's email links; `&list=weekly` goes to the weekly folder.
    const stub = readFileSync(path.join(outDir, 'archive', BIG_DAY, 'index.html'), 'utf8');
    expect(stub).toContain('n=["weekly"]');
    expect(stub).toContain(`url=/${BIG_DAY}/web/index.html`);
    // Two feed entries, two ids.
    const feed = readFileSync(path.join(outDir, 'archive', 'feed.xml'), 'utf8');
    expect(XMLValidator.validate(feed)).toBe(true);
    expect([...feed.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((m) => m[1])).toEqual([
      `${PUBLIC_URL}/archive/${BIG_DAY}`,
      `${PUBLIC_URL}/archive/${BIG_DAY}?list=weekly`,
    ]);
  });

  it('the served archive index names the second list in its links (?list=)', async () => {
    const { config, editions } = await twoLists();
    const routes = createArchiveRoutes({
      config,
      source: {
        snapshot: async () => ({
          editions,
          problems: [],
          version: '1',
          modified: 0,
          modifiedByDate: new Map(),
        }),
      },
    });
    const index = parseHTML(await (await routes.request('/')).text()).document;
    expect([...index.querySelectorAll('.editions > li h2 a')].map((a) => a.getAttribute('href'))).toEqual([
      `/archive/${BIG_DAY}?lang=both`,
      `/archive/${BIG_DAY}?lang=both&list=weekly`,
    ]);
    const weekly = parseHTML(await (await routes.request(`/${BIG_DAY}?lang=ko&list=weekly`)).text()).document;
    expect([...weekly.querySelectorAll('.gz-langs a')].map((a) => a.getAttribute('href'))).toEqual(
      ['both', 'ko', 'en'].map((lang) => `/archive/${BIG_DAY}?lang=${lang}&list=weekly`),
    );
    expect(weekly.querySelector('a.gz-subscribe')?.getAttribute('href')).toBe('/subscribe');
  });
});
