import { z } from 'zod';
import { cleanText } from './clean-text.ts';
import { isValidPublishedDate } from './published-date.ts';

const LIST_HINT = 'must be a list such as ["tech", "policy"]';

/**
 * A string list may also be written as one string; an empty value is an empty list. Entries are
 * cleaned (see `cleanText`) and those left empty dropped.
 */
const stringList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value === null ? [] : value),
  z
    .array(z.string({ error: 'each entry must be text' }).overwrite(cleanText), { error: LIST_HINT })
    .overwrite((entries) => entries.filter((entry) => entry !== '')),
);

// YAML reads `title: 123` as a number and `id:` as null: both are reported, with the fix.
// Text is cleaned before it is checked, so "&nbsp;" or a lone bidi override counts as empty;
// the schema's output is the cleaned text (decoded once: never clean it again).
const text = z
  .string({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? 'is required' : 'must be text (put it in quotes)',
  })
  .overwrite(cleanText);
const optionalText = z.string({ error: 'must be text (put it in quotes)' }).overwrite(cleanText).nullish();
/** URLs are kept as written: safeUrl judges them after parsing. */
const optionalUrl = z.string({ error: 'must be text (put it in quotes)' }).nullish();

/** The front matter of a digest item, as the newsroom writes it (snake_case, see content/README). */
export const frontMatterSchema = z
  .object({
    id: text.min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    title: text.min(1, 'must not be empty'),
    title_ko: optionalText,
    title_en: optionalText,
    date_published: z
      .string({
        error: (issue) =>
          issue.input === undefined || issue.input === null
            ? 'is required'
            : 'must be a date such as "2026-03-02" (in quotes)',
      })
      .trim()
      .refine(
        isValidPublishedDate,
        'is not a real date: use YYYY-MM-DD or an ISO 8601 timestamp such as 2026-03-02T08:30:00+09:00',
      ),
    date_ingested: optionalText,
    source_name: optionalText,
    source_id: optionalText,
    source_type: optionalText,
    source_url: optionalUrl,
    canonical_url: optionalUrl,
    language_original: optionalText,
    categories: stringList.default([]),
    tags: stringList.default([]),
    regions: stringList.default([]),
    summary_ko: optionalText,
    summary_en: optionalText,
    so_what_ko: optionalText,
    so_what_en: optionalText,
    key_points: stringList.default([]),
    key_points_ko: stringList.optional(),
    key_points_en: stringList.optional(),
    confidence: z
      .number({ error: 'must be a number from 0 to 1, without quotes' })
      .min(0, 'must be from 0 to 1')
      .max(1, 'must be from 0 to 1')
      .nullish(),
    sponsored: z.boolean({ error: 'must be true or false' }).nullish().transform((value) => value === true),
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
