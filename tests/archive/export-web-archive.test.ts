import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/output.ts';
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
function brokenLinks(relative: string): string[] {
  return (
    [...doc(relative).querySelectorAll('a[href], link[href]')]
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => !/^[a-z]+:/i.test(href))
      .map((href) => href.split('#')[0] ?? '')
      // Root-relative (the stubs, the 404 page): from the output folder, the public URL's root.
      .map((href) =>
        href.startsWith('/') ? href.slice(1) : path.posix.join(path.posix.dirname(relative), href),
      )
      .filter((target) => !existsSync(path.join(fixture.outDir, target)))
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
