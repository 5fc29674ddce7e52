import { isValidPublishedDate } from '../content/published-date.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 and 2026-2-3 are not). */
export function isEditionDate(value: string): boolean {
  return DATE_ONLY.test(value) && isValidPublishedDate(value);
}
