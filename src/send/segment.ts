import type { Locale } from '../locale.ts';
import { LOCALES } from '../locale.ts';

/** A group of a list's subscribers who get the same email: one locale, one set of topics. */
export interface Segment {
  key: string;
  locale: Locale;
  /** Sorted, unique; empty means everything the list carries. */
  topics: string[];
}

/** The segment a subscriber falls in; the key is stable text, stored on each ledger row. */
export function segmentOf(locale: Locale, topics: readonly string[]): Segment {
  const sorted = [...new Set(topics)].sort();
  return { key: `${locale}:${sorted.join(',')}`, locale, topics: sorted };
}

/** Read a segment back from its ledger key. */
export function parseSegment(key: string): Segment {
  const [locale = '', topics = ''] = key.split(':');
  const known = (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'bilingual';
  return segmentOf(known, topics === '' ? [] : topics.split(','));
}
