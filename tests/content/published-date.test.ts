import { describe, expect, it } from 'vitest';
import { parseItem } from '../../src/content/parse-item.ts';
import { hasOffset, instantOf, isValidPublishedDate, publishedDateProblem } from '../../src/content/published-date.ts';
import { itemSource, minimalFields } from './item-source.ts';

describe('date_published', () => {
  it.each([
    '2026-03-02',
    '2024-02-29',
    '2100-12-31',
    '2026-03-02T08:30:00+09:00',
    '2026-03-02T08:30+0900',
    '2026-03-02 08:30',
    '2026-03-02t08:30:00z',
    '2026-03-02T08:30:00.123456Z',
    '2026-03-02T23:59:59-12:00',
  ])('accepts %s', (value) => {
    expect(publishedDateProblem(value)).toBeUndefined();
  });

  it.each([
    '2026-02-30',
    '2026-13-01',
    '2026-03-02T24:00:00Z',
    '2026-03-02T23:60:00Z',
    '2026-03-02T08:30:00+15:00',
    '2026-03-02T08:30:00+09:60',
    // ISO 8601 forms parseISO reads but Gazette does not (the local date is read by position).
    '2026-W10-1',
    '2026-061',
    '20260302',
    '2026-03',
    'tomorrow',
  ])('refuses %s as not a real date', (value) => {
    expect(publishedDateProblem(value)).toMatch(/^is not a real date/);
  });

  it('refuses years past 2100 with a message about the year (9999 made an edition dated 10000)', () => {
    for (const value of ['9999-12-31T23:59:59Z', '2101-01-01', '3026-03-02']) {
      expect(isValidPublishedDate(value)).toBe(false);
      expect(publishedDateProblem(value)).toMatch(/^is in the year \d{4}: check the year \(items may be dated up to 2100\)/);
    }
    const parsed = parseItem('far.md', itemSource(minimalFields({ date_published: '9999-12-31T23:59:59Z' })));
    expect(parsed.item).toBeUndefined();
    expect(parsed.problems).toEqual([
      expect.objectContaining({ field: 'date_published', message: expect.stringMatching(/year 9999: check the year/) }),
    ]);
  });

  it('reads the instant of a timestamp with an offset, in any accepted spelling', () => {
    const instant = Date.UTC(2026, 2, 1, 23, 30);
    for (const value of ['2026-03-02T08:30:00+09:00', '2026-03-02 08:30+0900', '2026-03-02t08:30:00+09:00']) {
      expect(instantOf(value)).toBe(instant);
    }
    expect(instantOf('2026-03-01T23:30:00z')).toBe(instant);
    expect(instantOf('2026-03-02')).toBeUndefined();
    expect(instantOf('2026-03-02T08:30')).toBeUndefined();
    expect(hasOffset('2026-03-02T08:30Z')).toBe(true);
    expect(hasOffset('2026-03-02T08:30')).toBe(false);
  });
});
