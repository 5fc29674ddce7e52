import matter from 'gray-matter';
import * as yaml from 'js-yaml';
import type { ContentProblem } from './item.ts';

export type FrontMatterResult =
  | { data: Record<string, unknown>; body: string; problem?: undefined }
  | { problem: ContentProblem };

/** Larger than any digest item; a file this big is a mistake (a dump, an image renamed .md). */
export const MAX_FILE_CHARS = 1_000_000;
/**
 * The same limit on disk, checked before reading: UTF-8 spends at most 3 bytes per UTF-16 unit,
 * so a file over this many bytes is over MAX_FILE_CHARS whatever it holds.
 */
export const MAX_FILE_BYTES = 3 * MAX_FILE_CHARS;

const OPENING = /^---[ \t]*(\r?\n|$)/;
const CLOSING = /\r?\n---[ \t]*(\r?\n|$)/;

// CORE_SCHEMA keeps `2026-03-02` a string: the default schema would turn it into a UTC Date and
// lose the difference between a calendar date and a midnight timestamp. gray-matter would also
// eval `---js` front matter; only YAML is ever parsed here.
const matterOptions = {
  language: 'yaml',
  engines: {
    yaml: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object,
    js: rejectEngine,
    javascript: rejectEngine,
  },
};

/** Split a content file into its YAML front matter (a mapping) and body. Never throws. */
export function readFrontMatter(file: string, source: string): FrontMatterResult {
  const fail = (message: string, extra: Partial<ContentProblem> = {}): FrontMatterResult => ({
    problem: { file, message, severity: 'error', code: 'CONTENT_FILE', ...extra },
  });
  const text = source.replace(/^\uFEFF/, '');
  if (text.trim() === '') return fail('is empty: an item needs YAML front matter between two "---" lines');
  if (text.length > MAX_FILE_CHARS) return fail(`is larger than ${MAX_FILE_CHARS} characters: not a digest item`);
  if (text.includes('\u0000')) return fail('is not a text file (binary content)');
  if (text.includes('\uFFFD')) return fail('is not valid UTF-8 text: save it as UTF-8');
  if (!OPENING.test(text)) {
    return fail('has no YAML front matter: the first line must be "---" alone');
  }
  const afterOpening = text.replace(OPENING, '');
  if (!CLOSING.test(`\n${afterOpening}`)) {
    return fail('front matter is not closed: add a line "---" after the last field');
  }
  let data: unknown;
  let body: string;
  try {
    const parsed = matter(text, matterOptions);
    data = parsed.data;
    body = parsed.content;
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      // The parsed block starts with the rest of the "---" line, so YAML line 0 is file line 1.
      const line = error.mark === undefined ? undefined : error.mark.line + 1;
      const hint = line === undefined ? '' : quoteHint(text.split(/\r?\n/)[line - 1] ?? '');
      return fail(`front matter is not valid YAML: ${error.reason}${hint}`, { code: 'CONTENT_YAML', line });
    }
    return fail(`front matter cannot be read: ${(error as Error).message}`, { code: 'CONTENT_YAML' });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail('front matter must be a YAML mapping of field: value', { code: 'CONTENT_YAML' });
  }
  return { data: data as Record<string, unknown>, body };
}

/**
 * `title: Samsung: new phone` is the commonest YAML mistake in a newsroom (headlines have colons):
 * js-yaml says only "bad indentation of a mapping entry". Name the fix, with the line quoted.
 */
function quoteHint(sourceLine: string): string {
  const match = /^(\s*[\w-]+):[ \t]+([^'"|>\s[{].*?:[ \t].*?)\s*$/.exec(sourceLine);
  if (match === null) return '';
  const [, key = '', value = ''] = match;
  return `. Quote values that contain ": ", for example ${key.trim()}: ${JSON.stringify(value)}`;
}

function rejectEngine(): never {
  throw new Error('only YAML front matter is allowed');
}
