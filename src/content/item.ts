import type { ErrorCode } from '../errors.ts';
import type { Localized } from '../locale.ts';

/** One digest item, as loaded and validated from a content file. Text fields are plain text. */
export interface Item {
  id: string;
  /** Path of the file it came from, relative to the content folder. */
  file: string;
  title: Localized;
  /** The front matter's date_published as written: `YYYY-MM-DD` or an ISO 8601 timestamp. */
  datePublished: string;
  dateIngested?: string;
  source?: { name?: string; id?: string; type?: string; url?: string };
  /** Only http(s) URLs survive loading. */
  canonicalUrl?: string;
  languageOriginal?: string;
  categories: string[];
  tags: string[];
  regions: string[];
  summary: Localized;
  soWhat: Localized;
  keyPoints: Localized<string[]>;
  /** 0..1, how sure the newsroom is of the item. */
  confidence?: number;
  /** Marks a sponsored item: an edition holding one is advertising (정보통신망법 §50). */
  sponsored: boolean;
  /** Editorial weight: higher goes first (lead block, what stays in full, weekly caps). */
  priority?: number;
  /** A corrected item: once its text changed after it was sent, it goes out once more, marked. */
  correction?: boolean;
  /** The Markdown body, kept as text; the email is built from the front matter. */
  body: string;
}

/** A problem found in a content file. `severity: 'error'` means the file was skipped. */
export interface ContentProblem {
  /** Path relative to the content folder. */
  file: string;
  /** The front-matter field at fault, when there is one (`categories.1` for a list entry). */
  field?: string;
  /** 1-based line in the file, when known (YAML syntax errors). */
  line?: number;
  message: string;
  severity: 'error' | 'warning';
  /** Which kind of problem, from the error catalogue (CONTENT_*). */
  code?: ErrorCode;
}
