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
  const { files, links } = await walkContent(dir);
  // A symbolic link is not followed (content/README.md): said, not skipped silently.
  const problems: ContentProblem[] = links.map((file) => ({
    file,
    message:
      'is a symbolic link, which Gazette does not follow: copy the file into the content folder (or point contentDir at the real folder)',
    severity: 'error',
    code: 'CONTENT_FILE',
  }));
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
          const bytes = await readFile(full);
          const utf16 = utf16Kind(bytes);
          if (utf16 !== undefined) {
            return {
              file,
              problem: `is saved as ${utf16}: save it as UTF-8 (in most editors: Save with Encoding, or Save As → Encoding → UTF-8)`,
            };
          }
          return { file, source: bytes.toString('utf8') };
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
  return { items, problems, files: files.length + links.length };
}

/** Content files under dir, relative, sorted; hidden entries and node_modules are skipped. */
export async function findContentFiles(dir: string): Promise<string[]> {
  return (await walkContent(dir)).files;
}

/** The content files under dir and, apart, the symbolic links that would have been content. */
async function walkContent(dir: string): Promise<{ files: string[]; links: string[] }> {
  const found: string[] = [];
  const links: string[] = [];
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
      } else if (entry.isSymbolicLink() && (await isContentLink(path.join(dir, child), entry.name))) {
        links.push(child);
      }
    }
  };
  await walk('');
  return { files: found.sort(), links: links.sort() };
}

/** A link named like a content file, or to a folder (which may hold some); a dangling one too. */
async function isContentLink(full: string, name: string): Promise<boolean> {
  if (EXTENSIONS.has(path.extname(name).toLowerCase()) && !isReadme(name)) return true;
  try {
    return (await stat(full)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `UTF-16` when the bytes are UTF-16 text: a byte-order mark, or (without one) the zero bytes
 * that ASCII characters such as the `---` and field names leave in every other byte. Read as
 * UTF-8 such a file is all NULs and would be called binary.
 */
function utf16Kind(bytes: Buffer): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 (little-endian)';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 (big-endian)';
  const sample = bytes.subarray(0, 1024 - (Math.min(bytes.length, 1024) % 2));
  if (sample.length < 8) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'UTF-16 (little-endian)';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'UTF-16 (big-endian)';
  return undefined;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function isReadme(name: string): boolean {
  return /^readme\.(md|txt|markdown)$/i.test(name);
}
