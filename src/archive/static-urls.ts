import path from 'node:path';
import type { ArchiveLang, ArchiveUrls } from './archive-urls.ts';

/** Where the static export puts each page, relative to the output folder (POSIX separators). */
export const staticPaths = {
  index: (page: number): string => (page === 1 ? 'archive/index.html' : `archive/page-${page}.html`),
  /** A list other than the first has a folder of its own: `DATE/web/LIST/`. */
  edition: (date: string, lang: ArchiveLang, list?: string): string =>
    `${date}/web/${list === undefined ? '' : `${list}/`}${lang === 'both' ? 'index' : lang}.html`,
  feed: (): string => 'archive/feed.xml',
  notFound: (): string => 'archive/404.html',
  /** Answers the emails' `/archive/DATE?lang=…` links on a static host. */
  redirect: (date: string): string => `archive/${date}/index.html`,
};

/**
 * Links between exported files, relative to the folder of the page that carries them, so the
 * export works from any host, any base path, and straight from disk. Each link climbs to the
 * output folder first (`../archive/page-2.html`, not `page-2.html`): a host that serves
 * `archive/index.html` at `/archive` without the trailing slash still resolves it. Subscribing
 * needs the web app: that link is absolute, to `GAZETTE_PUBLIC_URL/subscribe`.
 */
export function staticUrls(fromDir: string, publicUrl: string): ArchiveUrls {
  const up = '../'.repeat(path.posix.normalize(fromDir).split('/').length);
  const to = (target: string) => `${up}${target}`;
  return {
    index: (page) => to(staticPaths.index(page)),
    edition: (date, lang, list) => to(staticPaths.edition(date, lang, list)),
    feed: () => to(staticPaths.feed()),
    subscribe: () => `${publicUrl}/subscribe`,
  };
}

/**
 * Links from a page a static host may serve at any path (its 404 page): root-relative to the
 * public URL's path.
 */
export function staticRootUrls(publicUrl: string): ArchiveUrls {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  return {
    index: (page) => `${base}/${staticPaths.index(page)}`,
    edition: (date, lang, list) => `${base}/${staticPaths.edition(date, lang, list)}`,
    feed: () => `${base}/${staticPaths.feed()}`,
    subscribe: () => `${publicUrl}/subscribe`,
  };
}
