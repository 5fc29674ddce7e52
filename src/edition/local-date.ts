import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { hasOffset, instantOf, isValidPublishedDate } from '../content/published-date.ts';
import { GazetteError } from '../errors.ts';

/**
 * The calendar date (`YYYY-MM-DD`) an item belongs to in the newsletter's time zone.
 * A date-only value is that date; a timestamp without offset is wall time in the zone;
 * a timestamp with an offset is converted (2026-03-02T23:30:00Z is 2026-03-03 in Seoul).
 */
export function localDate(datePublished: string, timeZone: string): string {
  if (!isValidPublishedDate(datePublished)) {
    throw new GazetteError(
      'CONTENT_FIELD',
      `date_published "${datePublished}" is not a real date: use YYYY-MM-DD or an ISO 8601 timestamp.`,
      { field: 'date_published' },
    );
  }
  if (!hasOffset(datePublished)) return datePublished.slice(0, 10);
  return format(new TZDate(instantOf(datePublished) ?? Number.NaN, timeZone), 'yyyy-MM-dd');
}

/** Today's date in the time zone, `YYYY-MM-DD`. */
export function today(timeZone: string, now: Date = new Date()): string {
  return format(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}
