import { describe, expect, it } from 'vitest';
import { localDate, today } from '../../src/edition/local-date.ts';
import { isGazetteError } from '../../src/errors.ts';

describe('localDate', () => {
  it.each([
    // A date-only value is that calendar date, in any zone.
    ['2026-03-02', 'Asia/Seoul', '2026-03-02'],
    ['2026-03-02', 'America/New_York', '2026-03-02'],
    ['2026-03-02', 'Pacific/Kiritimati', '2026-03-02'],
    // Timestamps with an offset are converted to the zone.
    ['2026-03-02T23:30:00Z', 'Asia/Seoul', '2026-03-03'],
    ['2026-03-03T15:00:00Z', 'Asia/Seoul', '2026-03-04'],
    ['2026-03-03T14:59:59Z', 'Asia/Seoul', '2026-03-03'],
    ['2026-03-03T14:59:59.999Z', 'Asia/Seoul', '2026-03-03'],
    ['2026-03-03T00:00:00+09:00', 'Asia/Seoul', '2026-03-03'],
    ['2026-03-02T23:59:59+09:00', 'Asia/Seoul', '2026-03-02'],
    ['2026-03-03T08:30:00+0900', 'Asia/Seoul', '2026-03-03'],
    ['2026-03-02T23:30:00Z', 'America/New_York', '2026-03-02'],
    ['2026-03-03T04:59:00Z', 'America/New_York', '2026-03-02'],
    ['2026-03-03T05:00:00Z', 'America/New_York', '2026-03-03'],
    ['2026-03-02T22:30:00-05:00', 'Asia/Seoul', '2026-03-03'],
    ['2026-11-21T16:30:00Z', 'Asia/Seoul', '2026-11-22'],
    // Daylight saving in New York: 2026-03-08 02:00 EST becomes EDT (UTC-4).
    ['2026-03-09T03:30:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T04:30:00Z', 'America/New_York', '2026-03-09'],
    ['2026-11-01T04:30:00Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T04:30:00Z', 'America/New_York', '2026-11-01'],
    // Odd but valid spellings of the same instant.
    ['2026-03-02t23:30:00z', 'Asia/Seoul', '2026-03-03'],
    ['2026-03-02 23:30:00Z', 'Asia/Seoul', '2026-03-03'],
    ['2026-03-02T23:30Z', 'Asia/Seoul', '2026-03-03'],
    // No offset: wall time in the newsletter's zone, never converted.
    ['2026-03-02T23:30:00', 'Asia/Seoul', '2026-03-02'],
    ['2026-03-02T23:30:00', 'America/New_York', '2026-03-02'],
    ['2026-03-02 00:15', 'Asia/Seoul', '2026-03-02'],
    // Year and leap-day boundaries.
    ['2026-12-31T15:00:00Z', 'Asia/Seoul', '2027-01-01'],
    ['2028-02-28T15:00:00Z', 'Asia/Seoul', '2028-02-29'],
  ])('%s in %s is %s', (value, zone, expected) => {
    expect(localDate(value, zone)).toBe(expected);
  });

  it.each(['2026-13-45', '2026-02-30', 'soon', ''])(
    'refuses %j with a GazetteError, not a RangeError',
    (value) => {
      let caught: unknown;
      try {
        localDate(value, 'Asia/Seoul');
      } catch (error) {
        caught = error;
      }
      expect(isGazetteError(caught, 'CONTENT_FIELD')).toBe(true);
    },
  );
});

describe('today', () => {
  it('is the calendar date in the zone', () => {
    const instant = new Date('2026-03-02T15:30:00Z');
    expect(today('Asia/Seoul', instant)).toBe('2026-03-03');
    expect(today('America/New_York', instant)).toBe('2026-03-02');
    expect(today('UTC', instant)).toBe('2026-03-02');
  });
});
