import matter from 'gray-matter';
import * as yaml from 'js-yaml';
import type { ContentProblem, Item } from './item.ts';
import { frontMatterSchema } from './front-matter-schema.ts';
import type { FrontMatter } from './front-matter-schema.ts';
import { cleanText } from './clean-text.ts';
import { safeUrl } from './safe-url.ts';
import type { Language, Localized } from '../locale.ts';
import { detectLanguage } from '../locale.ts';

export interface ParsedItem {
  item?: Item;
  problems: ContentProblem[];
}

// CORE_SCHEMA keeps `2026-03-02` a string: the default schema would turn it into a UTC Date and
// lose the difference between a calendar date and a midnight timestamp.
const matterOptions = {
  engines: { yaml: (source: string) => yaml.load(source, { schema: yaml.CORE_SCHEMA }) as object },
};

/** Parse and validate one content file. Never throws: problems are returned, one per field. */
export function parseItem(file: string, source: string): ParsedItem {
  const text = source.replace(/^\uFEFF/, '');
  if (!/^---\r?\n/.test(text)) {
    return fail(file, undefined, 'has no YAML front matter: start the file with a line "---"');
  }
  let data: unknown;
  let body: string;
  try {
    const parsed = matter(text, matterOptions);
    data = parsed.data;
    body = parsed.content;
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.message.split('\n')[0] : String(error);
    return fail(file, undefined, `front matter is not valid YAML: ${reason}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(file, undefined, 'front matter must be a YAML mapping of field: value');
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    const seen = new Set<string>();
    const problems: ContentProblem[] = [];
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.') || undefined;
      const key = `${field}:${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ file, field, message: issue.message, severity: 'error' });
    }
    return { problems };
  }
  return toItem(file, result.data, body);
}

function toItem(file: string, fm: FrontMatter, body: string): ParsedItem {
  const problems: ContentProblem[] = [];
  const url = (field: 'canonical_url' | 'source_url'): string | undefined => {
    const raw = fm[field];
    if (raw === null || raw === undefined || raw.trim() === '') return undefined;
    const safe = safeUrl(raw);
    if (safe === undefined) {
      problems.push({ file, field, message: `"${raw.slice(0, 80)}" is not an http(s) URL and was dropped`, severity: 'warning' });
    }
    return safe;
  };
  const opt = (value: string | null | undefined): string | undefined => {
    if (value === null || value === undefined) return undefined;
    const cleaned = cleanText(value);
    return cleaned === '' ? undefined : cleaned;
  };
  const list = (values: string[]): string[] => values.map(cleanText).filter((v) => v !== '');
  const title = cleanText(fm.title);
  const keyPoints: Localized<string[]> = {};
  const general = list(fm.key_points);
  if (general.length > 0) keyPoints[detectLanguage(general.join(' '))] = general;
  for (const language of ['ko', 'en'] as Language[]) {
    const own = fm[`key_points_${language}`];
    if (own !== undefined && list(own).length > 0) keyPoints[language] = list(own);
  }
  const item: Item = {
    id: cleanText(fm.id),
    file,
    title: compact({ [detectLanguage(title)]: title, ...defined({ ko: opt(fm.title_ko), en: opt(fm.title_en) }) }),
    datePublished: fm.date_published,
    dateIngested: opt(fm.date_ingested),
    source: {
      name: opt(fm.source_name),
      id: opt(fm.source_id),
      type: opt(fm.source_type),
      url: url('source_url'),
    },
    canonicalUrl: url('canonical_url'),
    languageOriginal: opt(fm.language_original),
    categories: list(fm.categories),
    tags: list(fm.tags),
    regions: list(fm.regions),
    summary: compact({ ko: opt(fm.summary_ko), en: opt(fm.summary_en) }),
    soWhat: compact({ ko: opt(fm.so_what_ko), en: opt(fm.so_what_en) }),
    keyPoints,
    confidence: fm.confidence ?? undefined,
    sponsored: fm.sponsored,
    body: body.trim(),
  };
  return { item, problems };
}

function defined(value: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function compact(value: Record<string, string | undefined>): Localized {
  const out: Localized = {};
  for (const language of ['ko', 'en'] as Language[]) {
    if (value[language] !== undefined) out[language] = value[language];
  }
  return out;
}

function fail(file: string, field: string | undefined, message: string): ParsedItem {
  return { problems: [{ file, field, message, severity: 'error' }] };
}
