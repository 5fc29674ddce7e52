import type { Locale } from '../locale.ts';

/**
 * What the render worker hands the preview server. Plain data only: it crosses a process
 * boundary (IPC, JSON), so no class instances, no functions.
 */

/** A preflight finding. `error` blocks a send in the editor's eyes, `warning` asks for a look, `info` is context. */
export interface Finding {
  check: 'size' | 'translation' | 'confidence' | 'link' | 'lang' | 'client';
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** A problem the pipeline reported, with the text `gazette check` prints. */
export interface ProblemView {
  severity: 'error' | 'warning';
  file: string;
  text: string;
}

export interface ConfigSummary {
  name: { ko: string; en: string };
  fromName: string;
  fromEmail: string;
  replyTo?: string;
  budgetBytes: number;
  lists: { id: string; name: { ko: string; en: string }; locales: Locale[] }[];
}

export interface EditionSummary {
  date: string;
  total: number;
  /** Per category, in edition order, with the category's English and Korean label. */
  categories: { id: string; label: string; count: number }[];
  advertising: boolean;
}

export interface IndexView {
  config: ConfigSummary;
  contentDir: string;
  files: number;
  editions: EditionSummary[];
  problems: ProblemView[];
}

export interface VariantView {
  listId: string;
  listName: string;
  locale: Locale;
  /** `empty`: the list carries none of the day's categories, so nothing would be sent. */
  status: 'ok' | 'empty' | 'failed';
  error?: string;
  subject?: string;
  preheader?: string;
  /** The HTML as a reader gets it (sample recipient filled in). */
  html?: string;
  text?: string;
  htmlBytes?: number;
  compactedItemIds?: string[];
  itemCount?: number;
  findings?: Finding[];
}

/** A list whose edition of the date was sent: the preview shows that record, not the content. */
export interface FrozenView {
  listId: string;
  number: number;
  frozenAt: string;
}

export interface EditionView {
  date: string;
  config: ConfigSummary;
  variants: VariantView[];
  /** Lists whose edition of this date is a sent record (shown as frozen). */
  frozen?: FrozenView[];
  problems: ProblemView[];
}

/** The transactional emails (confirmation, welcome) the preview shows with sample data. */
export const TRANSACTIONAL_NAMES = ['confirm', 'welcome'] as const;
export type TransactionalName = (typeof TRANSACTIONAL_NAMES)[number];

/** One transactional email in every locale, rendered with a sample subscriber. */
export interface TransactionalView {
  name: TransactionalName;
  config: ConfigSummary;
  /** `listId` carries the email's name; there is no list. */
  variants: VariantView[];
}
