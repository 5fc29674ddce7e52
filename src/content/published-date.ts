import { isValid, parseISO } from 'date-fns';

/** The last year an item may be dated: a later one is a typo (9999 made an edition dated 10000). */
export const LATEST_YEAR = 2100;

const NOT_A_DATE = 'is not a real date: use YYYY-MM-DD or an ISO 8601 timestamp such as 2026-03-02T08:30:00+09:00';

/**
 * The shapes Gazette accepts. parseISO alone would also take week dates (`2026-W10-1`), ordinal
 * dates (`2026-061`), the basic format (`20260302`) and year-month (`2026-03`), which the rest of
 * Gazette reads by position (the local date is the first ten characters): the shape is checked
 * here first, and parseISO then checks the calendar (Feb 30, minute 60, offset minute 60).
 */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ](\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-](\d{2}):?\d{2})?$/i;

/** True for `YYYY-MM-DD` or an ISO 8601 timestamp naming a real calendar date, time and offset. */
export function isValidPublishedDate(value: string): boolean {
  return publishedDateProblem(value) === undefined;
}

/** Why a `date_published` value is refused (the message for the editor), or undefined if it is fine. */
export function publishedDateProblem(value: string): string | undefined {
  const stamp = TIMESTAMP.exec(value);
  if (!DATE_ONLY.test(value) && stamp === null) return NOT_A_DATE;
  if (!isValid(parseISO(normalised(value)))) return NOT_A_DATE;
  // parseISO takes 24:00 (the next day's midnight) and offsets up to ±23:59; real UTC offsets
  // run from -12:00 to +14:00, and an item at 24:00 would land in the wrong edition.
  if (stamp !== null && (Number(stamp[1]) > 23 || Number(stamp[3] ?? 0) > 14)) return NOT_A_DATE;
  const year = Number(value.slice(0, 4));
  if (year > LATEST_YEAR) return `is in the year ${year}: check the year (items may be dated up to ${LATEST_YEAR})`;
  return undefined;
}

/** True when the value is a timestamp with an explicit offset (`Z` or `+09:00`). */
export function hasOffset(value: string): boolean {
  const stamp = TIMESTAMP.exec(value);
  return stamp !== null && stamp[2] !== undefined;
}

/**
 * The instant a timestamp with an offset names, in ms since the epoch; undefined for a date-only
 * value, a timestamp without offset, or anything invalid.
 */
export function instantOf(value: string): number | undefined {
  if (!isValidPublishedDate(value) || !hasOffset(value)) return undefined;
  return parseISO(normalised(value)).getTime();
}

/** parseISO wants upper-case `T` and `Z`; Gazette has always accepted `t` and `z` too. */
function normalised(value: string): string {
  return value.toUpperCase();
}
