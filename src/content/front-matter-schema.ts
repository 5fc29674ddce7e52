import { z } from 'zod';
import { cleanText } from './clean-text.ts';
import { isValidPublishedDate, publishedDateProblem } from './published-date.ts';

const LIST_HINT = 'must be a list such as ["tech", "policy"]';

// Upper bounds, in characters of cleaned text. Real items are far below them (headlines run
// 40-120 characters, summaries a few hundred); they stop a pasted article or a runaway feed
// (a 108 KB title) at `gazette check`, as one bad file, instead of at render time, where a
// headline too big for the email's size budget fails the whole day's edition (RENDER_BUDGET).
const LIMITS = {
  id: 200,
  headline: 300,
  label: 200,
  url: 2000,
  summary: 5000,
  soWhat: 2000,
  keyPoint: 1000,
  keyPoints: 20,
  tag: 100,
  tags: 50,
} as const;

/** "at most 300 characters (a headline); this one has 108000" */
function atMost(max: number, what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      `at most ${max} characters (${what}); this one has ${String(issue.input).length}`,
  };
}

/**
 * A string list may also be written as one string; an empty value is an empty list. Entries are
 * cleaned (see `cleanText`), those left empty dropped, and then counted.
 */
function stringList(entryMax: number, entry: string, countMax: number, entries: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value === null ? [] : value),
    z
      .array(z.string({ error: 'each entry must be text' }).overwrite(cleanText).max(entryMax, atMost(entryMax, entry)), {
        error: LIST_HINT,
      })
      .overwrite((values) => values.filter((value) => value !== ''))
      .max(countMax, {
        error: (issue) => `at most ${countMax} ${entries}; this one has ${(issue.input as unknown[]).length}`,
      }),
  );
}
const labels = () => stringList(LIMITS.tag, 'a label', LIMITS.tags, 'entries');
const keyPoints = () => stringList(LIMITS.keyPoint, 'a key point', LIMITS.keyPoints, 'key points');

// YAML reads `title: 123` as a number and `id:` as null: both are reported, with the fix.
// Text is cleaned before it is checked, so "&nbsp;" or a lone bidi override counts as empty;
// the schema's output is the cleaned text (decoded once: never clean it again).
const text = z
  .string({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? 'is required' : 'must be text (put it in quotes)',
  })
  .overwrite(cleanText);
const optionalText = (max: number, what: string) =>
  z.string({ error: 'must be text (put it in quotes)' }).overwrite(cleanText).max(max, atMost(max, what)).nullish();
/** URLs are kept as written: safeUrl judges them after parsing. */
const optionalUrl = z
  .string({ error: 'must be text (put it in quotes)' })
  .max(LIMITS.url, atMost(LIMITS.url, 'a link'))
  .nullish();

// In an id, zero-width characters (U+200B, U+2060, U+FEFF…), bidi marks (U+200E/F) and other
// format characters, controls, or whitespace such as a no-break space would make two ids that look
// the same ("same" and "same\u200B") and so dodge the duplicate-id check: refused, not stripped,
// so the newsroom sees the id it wrote is not the id it meant.
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]|[^\S ]/u;

function codePoint(id: string): string {
  const found = INVISIBLE.exec(id)?.[0] ?? '';
  return `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The front matter of a digest item, as the newsroom writes it (snake_case, see content/README). */
export const frontMatterSchema = z
  .object({
    id: text
      .min(1, 'must not be empty')
      .max(LIMITS.id, atMost(LIMITS.id, 'an id'))
      .refine((id) => !INVISIBLE.test(id), {
        error: (issue) =>
          `must not contain invisible characters or whitespace other than a space (found ${codePoint(String(issue.input))}): retype it`,
      }),
    title: text.min(1, 'must not be empty').max(LIMITS.headline, atMost(LIMITS.headline, 'a headline')),
    title_ko: optionalText(LIMITS.headline, 'a headline'),
    title_en: optionalText(LIMITS.headline, 'a headline'),
    date_published: z
      .string({
        error: (issue) =>
          issue.input === undefined || issue.input === null
            ? 'is required'
            : 'must be a date such as "2026-03-02" (in quotes)',
      })
      .trim()
      .refine(isValidPublishedDate, {
        error: (issue) => publishedDateProblem(String(issue.input)),
      }),
    date_ingested: optionalText(LIMITS.label, 'a timestamp'),
    source_name: optionalText(LIMITS.label, 'a name'),
    source_id: optionalText(LIMITS.label, 'a label'),
    source_type: optionalText(LIMITS.label, 'a label'),
    source_url: optionalUrl,
    canonical_url: optionalUrl,
    language_original: optionalText(LIMITS.label, 'a label'),
    categories: labels().default([]),
    tags: labels().default([]),
    regions: labels().default([]),
    summary_ko: optionalText(LIMITS.summary, 'a summary'),
    summary_en: optionalText(LIMITS.summary, 'a summary'),
    so_what_ko: optionalText(LIMITS.soWhat, 'a short callout'),
    so_what_en: optionalText(LIMITS.soWhat, 'a short callout'),
    key_points: keyPoints().default([]),
    key_points_ko: keyPoints().optional(),
    key_points_en: keyPoints().optional(),
    confidence: z
      .number({ error: 'must be a number from 0 to 1, without quotes' })
      .min(0, 'must be from 0 to 1')
      .max(1, 'must be from 0 to 1')
      .nullish(),
    sponsored: z.boolean({ error: 'must be true or false' }).nullish().transform((value) => value === true),
    priority: z
      .number({ error: 'must be a number, without quotes (higher comes first)' })
      .finite('must be a finite number')
      .nullish(),
    correction: z.boolean({ error: 'must be true or false' }).nullish().transform((value) => value === true),
  })
  .superRefine(
    (value, ctx) => {
      // A summary of the wrong type is reported on its own field; only absence is reported here.
      // Text is already cleaned here, so a summary that is only "&nbsp;" counts as absent.
      const has = (s: unknown): boolean => s !== undefined && s !== null && s !== '';
      if (!has(value.summary_ko) && !has(value.summary_en)) {
        ctx.addIssue({
          code: 'custom',
          path: ['summary_ko'],
          message: 'at least one of summary_ko or summary_en is required',
        });
      }
    },
    // Run even when other fields failed, so one pass names every problem of the file.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

export type FrontMatter = z.output<typeof frontMatterSchema>;

/** Every field the loader knows; anything else is reported as a warning. */
export const FRONT_MATTER_FIELDS: readonly string[] = Object.keys(frontMatterSchema.shape);
