import { links } from '../render/links.ts';

/** `?lang=` of the web edition: one language, or both side by side. */
export const ARCHIVE_LANGS = ['both', 'ko', 'en'] as const;
export type ArchiveLang = (typeof ARCHIVE_LANGS)[number];

/**
 * Where the archive's pages link to. The server links to its routes; the static export links
 * between files with relative paths, so the export works from any folder or host.
 */
export interface ArchiveUrls {
  /** Page `page` (1-based) of the list of editions. */
  index(page: number): string;
  /** `list`: a list other than the first (see `archiveList`), else the first list's edition. */
  edition(date: string, lang: ArchiveLang, list?: string): string;
  feed(): string;
  /** The subscribe page of the web app (`gazette serve`). */
  subscribe(): string;
}

/** The live server's URLs, under the path of the public URL (an app served at /news keeps /news). */
export function serverUrls(publicUrl: string): ArchiveUrls {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  return {
    index: (page) => (page === 1 ? `${base}/archive` : `${base}/archive?page=${page}`),
    edition: (date, lang, list) => links.archive(base, date, lang === 'both' ? 'bilingual' : lang, list),
    feed: () => `${base}/archive/feed.xml`,
    subscribe: () => `${base}/subscribe`,
  };
}

/** Absolute URLs, as the feed and emails carry them. */
export function absoluteUrls(publicUrl: string): ArchiveUrls {
  return {
    index: (page) => (page === 1 ? `${publicUrl}/archive` : `${publicUrl}/archive?page=${page}`),
    edition: (date, lang, list) => links.archive(publicUrl, date, lang === 'both' ? 'bilingual' : lang, list),
    feed: () => `${publicUrl}/archive/feed.xml`,
    subscribe: () => `${publicUrl}/subscribe`,
  };
}
