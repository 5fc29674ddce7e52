import type { ContentProblem, Item } from './item.ts';
import { frontMatterSchema, FRONT_MATTER_FIELDS } from './front-matter-schema.ts';
import type { FrontMatter } from './front-matter-schema.ts';
import { readFrontMatter } from './read-front-matter.ts';
import { safeUrl } from './safe-url.ts';
import type { Language, Localized } from '../locale.ts';
import { detectLanguage } from '../locale.ts';

export interface ParsedItem {
  item?: Item;
  problems: ContentProblem[];
}

/** Parse and validate one content file. Never throws: problems are returned, one per field. */
export function parseItem(file: string, source: string): ParsedItem {
  const read = readFrontMatter(file, source);
  if (read.problem) return { problems: [read.problem] };
  const warnings = unknownFields(file, read.data);
  const result = frontMatterSchema.safeParse(read.data);
  if (!result.success) {
    const seen = new Set<string>();
    const problems: ContentProblem[] = [];
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.') || undefined;
      const key = `${field}:${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ file, field, message: issue.message, severity: 'error', code: 'CONTENT_FIELD' });
    }
    return { problems: [...problems, ...warnings] };
  }
  const parsed = toItem(file, result.data, read.body);
  return { item: parsed.item, problems: [...warnings, ...parsed.problems] };
}

function toItem(file: string, fm: FrontMatter, body: string): { item: Item; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const url = (field: 'canonical_url' | 'source_url'): string | undefined => {
    const raw = fm[field];
    if (raw === null || raw === undefined || raw.trim() === '') return undefined;
    const safe = safeUrl(raw);
    if (safe === undefined) {
      problems.push({
        file,
        field,
        message: `"${raw.slice(0, 80)}" is not an absolute http(s) URL and was dropped`,
        severity: 'warning',
        code: 'CONTENT_UNSAFE_URL',
      });
    }
    return safe;
  };
  // The schema has cleaned every text field already (entities decoded once: never again here).
  const opt = (value: string | null | undefined): string | undefined =>
    value === null || value === undefined || value === '' ? undefined : value;
  const title = fm.title;
  const keyPoints: Localized<string[]> = {};
  const general = fm.key_points;
  if (general.length > 0) keyPoints[detectLanguage(general.join(' '))] = general;
  for (const language of ['ko', 'en'] as Language[]) {
    const own = fm[`key_points_${language}`] ?? [];
    if (own.length > 0) keyPoints[language] = own;
  }
  const item: Item = {
    id: fm.id,
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
    categories: fm.categories,
    tags: fm.tags,
    regions: fm.regions,
    summary: compact({ ko: opt(fm.summary_ko), en: opt(fm.summary_en) }),
    soWhat: compact({ ko: opt(fm.so_what_ko), en: opt(fm.so_what_en) }),
    keyPoints,
    confidence: fm.confidence ?? undefined,
    sponsored: fm.sponsored,
    priority: fm.priority ?? undefined,
    correction: fm.correction,
    body: body.trim(),
  };
  return { item, problems };
}

/** A misspelt field (`summery_en`) would vanish silently; say so, and name the likely field. */
function unknownFields(file: string, data: Record<string, unknown>): ContentProblem[] {
  return Object.keys(data)
    .filter((key) => !FRONT_MATTER_FIELDS.includes(key))
    .map((key) => {
      const near = FRONT_MATTER_FIELDS.find((known) => distance(key.toLowerCase(), known) <= 2);
      return {
        file,
        field: key,
        message: `is not a known field and was ignored${near === undefined ? '' : `; did you mean ${near}?`}`,
        severity: 'warning',
        code: 'CONTENT_FIELD',
      };
    });
}

/** Levenshtein distance, for "did you mean"; field names are short. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function defined(value: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function compact(value: Record<string, string | undefined>): Localized {
  const out: Localized = {};
  for (const language of ['ko', 'en'] as Language[]) {
    if (value[language] !== undefined) out[language] = value[language];
  }
  return out;
}
