import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CategoryConfig } from '../config/config-schema.ts';
import { findContentFiles, loadItems } from '../content/load-items.ts';
import type { ContentProblem } from '../content/item.ts';
import { buildEditions } from '../edition/build-editions.ts';
import type { Edition } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';

/** Everything the archive serves, read from the content folder at one moment. */
export interface ArchiveSnapshot {
  /** Every edition in the content, future ones included, newest first. */
  editions: Edition[];
  problems: ContentProblem[];
  /** Changes whenever a content file or folder changes (path, size or mtime). */
  version: string;
  /** Newest mtime (ms) of any content file or folder: when the archive as a whole last changed. */
  modified: number;
  /** Per edition date: newest mtime (ms) of its files and of every content folder. */
  modifiedByDate: Map<string, number>;
}

export interface ArchiveSourceOptions {
  contentDir: string;
  timeZone: string;
  categories: CategoryConfig[];
}

/** Hands out the current snapshot; re-reads the content only when a file or folder changed. */
export interface ArchiveSource {
  snapshot(): Promise<ArchiveSnapshot>;
}

/**
 * Reads the content folder for the archive. Every call stats the files (cheap) and reloads the
 * items only when something changed, so an edited, added or removed file shows up on the next
 * request without parsing every file on every request.
 */
export function createArchiveSource(options: ArchiveSourceOptions): ArchiveSource {
  let cached: ArchiveSnapshot | undefined;
  return {
    async snapshot() {
      // Stat before reading: a file edited in between makes the next call reload again.
      const stats = await statContent(options.contentDir);
      if (cached !== undefined && cached.version === stats.version) return cached;
      const { items, problems } = await loadItems(options.contentDir);
      const editions = buildEditions(items, { timeZone: options.timeZone, categories: options.categories });
      const modifiedByDate = new Map<string, number>();
      for (const edition of editions) {
        const newest = Math.max(
          stats.folders,
          ...editionItems(edition).map((item) => stats.files.get(item.file) ?? 0),
        );
        modifiedByDate.set(edition.date, newest);
      }
      cached = { editions, problems, version: stats.version, modified: stats.newest, modifiedByDate };
      return cached;
    },
  };
}

interface ContentStats {
  version: string;
  /** mtime (ms) per file, relative path as loadItems reports it. */
  files: Map<string, number>;
  /** Newest mtime of the content folder and its sub-folders: a removed file changes its folder's. */
  folders: number;
  newest: number;
}

async function statContent(dir: string): Promise<ContentStats> {
  const relative = await findContentFiles(dir);
  const folders = new Set<string>(['.']);
  for (const file of relative) {
    for (let parent = path.posix.dirname(file); parent !== '.'; parent = path.posix.dirname(parent)) {
      folders.add(parent);
    }
  }
  const hash = createHash('sha256');
  const files = new Map<string, number>();
  let folderTime = 0;
  // A file may vanish between listing and stat: it then counts as changed, not as an error.
  const entries = await Promise.all(
    [
      ...[...folders].map((f) => ({ name: f, folder: true })),
      ...relative.map((f) => ({ name: f, folder: false })),
    ].map(async (entry) => ({
      ...entry,
      stats: await stat(path.join(dir, entry.name)).catch(() => undefined),
    })),
  );
  for (const { name, folder, stats } of entries) {
    const time = stats?.mtimeMs ?? 0;
    hash.update(`${name}\0${time}\0${stats?.size ?? -1}\n`);
    if (folder) folderTime = Math.max(folderTime, time);
    else files.set(name, time);
  }
  return {
    version: hash.digest('base64url').slice(0, 22),
    files,
    folders: folderTime,
    newest: Math.max(folderTime, ...files.values()),
  };
}
