import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Config } from '../config/config.ts';
import { today } from '../edition/local-date.ts';
import { archiveEntry } from './archive-entry.ts';
import { renderArchiveIndex } from './archive-index-page.tsx';
import type { ArchiveSnapshot, ArchiveSource } from './archive-source.ts';
import { ARCHIVE_LANGS, serverUrls } from './archive-urls.ts';
import type { ArchiveLang } from './archive-urls.ts';
import { buildFeed } from './build-feed.ts';
import { renderEditionPage } from './edition-page.tsx';
import { isNotModified, validatorsFor } from './freshness.ts';
import type { Validators } from './freshness.ts';
import { editionStart } from './edition-start.ts';
import { isEditionDate } from './is-edition-date.ts';
import { renderNotFoundPage } from './not-found-page.tsx';
import { paginate, parsePageParam } from './paginate.ts';
import { pastEditions } from './past-editions.ts';

export interface ArchiveRoutesDeps {
  config: Config;
  /** The clock: decides which dates have come (tests move it). */
  now?: () => Date;
  /** Where editions come from: the sent editions (`createEditionArchiveSource`); none: empty. */
  source?: ArchiveSource;
}

/**
 * Archive pages: what the archive and the static export serve, with validators and caching
 * rules. Pages may use inline styles (the emails' markup is styled inline), nothing else.
 */
export const ARCHIVE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Lists change once a day; an edition only when corrected. Revalidation is cheap (ETag).
const CACHE = {
  list: 'public, max-age=300',
  edition: 'public, max-age=900',
  // Short: a date that is not out yet will be, at midnight in the newsletter's time zone.
  missing: 'public, max-age=60',
};

const CACHE_ENTRIES = 64;

const EMPTY_ARCHIVE: ArchiveSource = {
  snapshot: async () => ({
    editions: [],
    problems: [],
    version: 'empty',
    modified: 0,
    modifiedByDate: new Map(),
  }),
};

interface Rendered {
  body: string;
  validators: Validators;
}

/**
 * The web archive, to mount at `/archive`: `GET /` (past editions, `?page=N`), `GET /feed.xml`
 * (Atom), `GET /:date?lang=ko|en|both` (the web edition). Invalid or future dates, unknown
 * `lang` and `page` values are a bilingual 404. Responses carry ETag, Last-Modified and
 * Cache-Control, and answer 304 to a matching If-None-Match / If-Modified-Since.
 */
export function createArchiveRoutes(deps: ArchiveRoutesDeps): Hono {
  const { config } = deps;
  const now = deps.now ?? (() => new Date());
  const source = deps.source ?? EMPTY_ARCHIVE;
  const urls = serverUrls(config.publicUrl);
  // Rendered pages of the current content version; dropped as soon as the content changes.
  let cacheVersion = '';
  const cache = new Map<string, Rendered>();
  const cached = async (snapshot: ArchiveSnapshot, key: string, make: () => Promise<Rendered>) => {
    if (snapshot.version !== cacheVersion) {
      cache.clear();
      cacheVersion = snapshot.version;
    }
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = await make();
      // Bounded: a crawler walking years of editions must not keep them all in memory.
      if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
      cache.set(key, hit);
    }
    return hit;
  };
  const notFound = (c: Context) => send(c, renderNotFoundPage(config, urls), 'text/html', CACHE.missing, 404);

  const app = new Hono();
  app.get('/', async (c) => {
    const page = parsePageParam(c.req.query('page'));
    const snapshot = await source.snapshot();
    const date = today(config.timeZone, now());
    const entries = pastEditions(snapshot.editions, date).map((edition) => archiveEntry(edition, config));
    const chosen = page === undefined ? undefined : paginate(entries, page);
    if (chosen === undefined) return notFound(c);
    const rendered = await cached(snapshot, `index ${date} ${chosen.page}`, async () => {
      const body = renderArchiveIndex(chosen, config, urls);
      return {
        body,
        validators: validatorsFor(body, listModified(snapshot, entries[0]?.date, config.timeZone)),
      };
    });
    return fresh(c, rendered, 'text/html', CACHE.list);
  });
  app.get('/feed.xml', async (c) => {
    const snapshot = await source.snapshot();
    const date = today(config.timeZone, now());
    const feed = await cached(snapshot, `feed ${date}`, async () => {
      const editions = pastEditions(snapshot.editions, date);
      const body = buildFeed(editions, config, new Date(snapshot.modified));
      return {
        body,
        validators: validatorsFor(body, listModified(snapshot, editions[0]?.date, config.timeZone)),
      };
    });
    return fresh(c, feed, 'application/atom+xml', CACHE.list);
  });
  app.get('/:date', async (c) => {
    const date = c.req.param('date');
    const lang = c.req.query('lang') ?? 'both';
    // `?list=ID` picks one list's edition of the date; without it, the first list's (in config order).
    const list = c.req.query('list');
    if (!isEditionDate(date) || !isArchiveLang(lang) || date > today(config.timeZone, now()))
      return notFound(c);
    if (list !== undefined && !config.lists.some((l) => l.id === list)) return notFound(c);
    const snapshot = await source.snapshot();
    const edition = snapshot.editions.find(
      (e) => e.date === date && (list === undefined || e.listId === undefined || e.listId === list),
    );
    if (edition === undefined) return notFound(c);
    const page = await cached(snapshot, `edition ${date} ${lang} ${edition.listId ?? ''}`, async () => {
      const body = await renderEditionPage(edition, lang, config, urls);
      const modified = Math.max(
        snapshot.modifiedByDate.get(date) ?? snapshot.modified,
        editionStart(date, config.timeZone).getTime(),
      );
      return { body, validators: validatorsFor(body, modified) };
    });
    return fresh(c, page, 'text/html', CACHE.edition);
  });
  app.get('*', (c) => {
    // `/archive/` (as static hosts spell it) and `/archive/DATE/`: the same page, one URL for caches.
    const url = new URL(c.req.url);
    if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
      return c.redirect(`${url.pathname.replace(/\/+$/, '')}${url.search}`, 301);
    }
    return notFound(c);
  });
  return app;
}

/**
 * When a list (index, feed) last changed: a file changed, or its newest edition came out at
 * midnight with no file touched (its files were written ahead of the date).
 */
function listModified(snapshot: ArchiveSnapshot, newest: string | undefined, timeZone: string): number {
  return Math.max(snapshot.modified, newest === undefined ? 0 : editionStart(newest, timeZone).getTime());
}

function isArchiveLang(value: string): value is ArchiveLang {
  return (ARCHIVE_LANGS as readonly string[]).includes(value);
}

function fresh(c: Context, rendered: Rendered, type: string, cacheControl: string): Response {
  const { etag, lastModified } = rendered.validators;
  const headers = {
    ETag: etag,
    'Last-Modified': lastModified.toUTCString(),
    'Cache-Control': cacheControl,
    'Content-Security-Policy': ARCHIVE_CSP,
  };
  const conditional = {
    ifNoneMatch: c.req.header('If-None-Match'),
    ifModifiedSince: c.req.header('If-Modified-Since'),
  };
  // RFC 9110 §15.4.5: a 304 repeats the validators and caching headers of the 200.
  if (isNotModified(conditional, rendered.validators)) return c.body(null, 304, headers);
  return send(c, rendered.body, type, cacheControl, 200, headers);
}

function send(
  c: Context,
  body: string,
  type: string,
  cacheControl: string,
  status: 200 | 404,
  headers: Record<string, string> = {},
): Response {
  return c.body(body, status, {
    'Content-Type': `${type}; charset=utf-8`,
    'Cache-Control': cacheControl,
    'Content-Security-Policy': ARCHIVE_CSP,
    ...headers,
  });
}
