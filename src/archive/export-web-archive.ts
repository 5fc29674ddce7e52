import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.ts';
import type { Edition } from '../edition/edition.ts';
import { today } from '../edition/local-date.ts';
import { archiveEntry } from './archive-entry.ts';
import { archiveList } from './archive-list.ts';
import { renderArchiveIndex } from './archive-index-page.tsx';
import { ARCHIVE_LANGS } from './archive-urls.ts';
import { buildFeed } from './build-feed.ts';
import { renderEditionPage } from './edition-page.tsx';
import { renderNotFoundPage } from './not-found-page.tsx';
import { paginate } from './paginate.ts';
import { pastEditions } from './past-editions.ts';
import { renderRedirectPage } from './redirect-page.ts';
import { staticPaths, staticRootUrls, staticUrls } from './static-urls.ts';

export interface WebExportOptions {
  config: Config;
  /** Every edition in the content (the archive lists the past ones that have a web edition). */
  editions: readonly Edition[];
  /** The dates to write the web edition of (`gazette build --date D` or `--all`). */
  dates: readonly string[];
  /** The clock: which dates have come. */
  now?: Date;
}

export interface WebExportResult {
  /** Files written, relative to the output folder. */
  files: string[];
  /** Editions the archive index and feed list. */
  listed: string[];
}

/**
 * The web archive as static files under `config.outDir`, servable by any web server with no
 * Gazette process: `DATE/web/{index,ko,en}.html` for each date asked for, then the archive
 * (`archive/index.html`, `archive/page-N.html`, `archive/feed.xml`, `archive/404.html`) and
 * `archive/DATE/index.html` for the emails' links. The archive lists only editions whose date
 * has come and whose web edition exists in the output folder (written now or by an earlier
 * build), so a build of one date never links to pages that were not built. See docs/archive.md.
 */
export async function exportWebArchive(options: WebExportOptions): Promise<WebExportResult> {
  const { config } = options;
  const out = config.outDir;
  const files: string[] = [];
  const write = async (relative: string, body: string) => {
    const file = path.join(out, ...relative.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, body);
    files.push(relative);
  };
  const wanted = new Set(options.dates);
  // Two lists' editions of one date: the first list's in DATE/web/, another's in DATE/web/LIST/.
  const listOf = (edition: Edition) => archiveList(edition.listId, config.lists);
  const urlsFrom = (relative: string) => staticUrls(path.posix.dirname(relative), config.publicUrl);
  for (const edition of options.editions.filter((e) => wanted.has(e.date))) {
    for (const lang of ARCHIVE_LANGS) {
      const relative = staticPaths.edition(edition.date, lang, listOf(edition));
      await write(relative, await renderEditionPage(edition, lang, config, urlsFrom(relative)));
    }
  }
  const date = today(config.timeZone, options.now);
  const exported = await Promise.all(
    pastEditions(options.editions, date).map(async (edition) =>
      wanted.has(edition.date) ||
      (await exists(path.join(out, ...staticPaths.edition(edition.date, 'both', listOf(edition)).split('/'))))
        ? edition
        : undefined,
    ),
  );
  const listed = exported.filter((edition): edition is Edition => edition !== undefined);
  const entries = listed.map((edition) => archiveEntry(edition, config));
  for (let page = 1; ; page++) {
    const chosen = paginate(entries, page);
    if (chosen === undefined) break;
    const relative = staticPaths.index(page);
    await write(relative, renderArchiveIndex(chosen, config, urlsFrom(relative)));
  }
  // The feed's own `updated` when empty: fixed, so rebuilding an empty archive changes nothing.
  await write(staticPaths.feed(), buildFeed(listed, config, new Date(0)));
  await write(staticPaths.notFound(), renderNotFoundPage(config, staticRootUrls(config.publicUrl)));
  // One stand-in a date, for every list of it (in the archive's order: the first list's first).
  const listsByDate = new Map<string, (string | undefined)[]>();
  for (const edition of listed)
    listsByDate.set(edition.date, [...(listsByDate.get(edition.date) ?? []), listOf(edition)]);
  for (const [day, lists] of listsByDate)
    await write(staticPaths.redirect(day), renderRedirectPage(day, lists, config.publicUrl));
  return { files, listed: listed.map((edition) => edition.date) };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
