import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GazetteError } from '../errors.ts';
import type { ContentProblem, Item } from './item.ts';
import { parseItem } from './parse-item.ts';
import { MAX_FILE_BYTES, MAX_FILE_CHARS } from './read-front-matter.ts';

export interface LoadResult {
  /** Every valid item, in path order. */
  items: Item[];
  /** Every problem found; files with an error are skipped, the rest still load. */
  problems: ContentProblem[];
  /** How many content files were read. */
  files: number;
}

const EXTENSIONS = new Set(['.md', '.txt', '.markdown']);
const READ_BATCH = 64;

/** Find, parse and validate every item under a folder. A bad file never stops the good ones. */
export async function loadItems(dir: string): Promise<LoadResult> {
  const files = await findContentFiles(dir);
  const problems: ContentProblem[] = [];
  const items: Item[] = [];
  const byId = new Map<string, Item>();
  for (let start = 0; start < files.length; start += READ_BATCH) {
    const batch = files.slice(start, start + READ_BATCH);
    const sources = await Promise.all(
      batch.map(async (file) => {
        const full = path.join(dir, file);
        try {
          // Size first: a 120 MB dump read whole would take the send down with it (out of memory).
          const { size } = await stat(full);
          if (size > MAX_FILE_BYTES) {
            return {
              file,
              problem: `is larger than ${MAX_FILE_CHARS} characters (${megabytes(size)} on disk): not a digest item; it was not read`,
            };
          }
          return { file, source: await readFile(full, 'utf8') };
        } catch (error) {
          return { file, problem: `cannot be read: ${(error as Error).message}` };
        }
      }),
    );
    for (const entry of sources) {
      if (entry.source === undefined) {
        problems.push({ file: entry.file, message: entry.problem, severity: 'error', code: 'CONTENT_FILE' });
        continue;
      }
      const parsed = parseItem(entry.file, entry.source);
      problems.push(...parsed.problems);
      if (!parsed.item) continue;
      const first = byId.get(parsed.item.id);
      if (first) {
        problems.push({
          file: entry.file,
          field: 'id',
          message: `duplicate id "${parsed.item.id}", already used by ${first.file}; this file was skipped`,
          severity: 'error',
          code: 'CONTENT_DUPLICATE_ID',
        });
        continue;
      }
      byId.set(parsed.item.id, parsed.item);
      items.push(parsed.item);
    }
  }
  return { items, problems, files: files.length };
}

/** Content files under dir, relative, sorted; hidden entries and node_modules are skipped. */
export async function findContentFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if (relative === '') {
        throw new GazetteError(
          'CONTENT_DIR',
          `Cannot read the content folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Pass --content DIR or set contentDir in the config.`,
          { file: dir },
        );
      }
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !isReadme(entry.name)) {
        found.push(child);
      }
    }
  };
  await walk('');
  return found.sort();
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function isReadme(name: string): boolean {
  return /^readme\.(md|txt|markdown)$/i.test(name);
}
