import { describe, expect, it } from 'vitest';
import { dueNotice, NOTICE_LEAD_DAYS } from '../../src/notices/due-notice.ts';

const SEOUL = 'Asia/Seoul';
/** Noon in Seoul on a day, as the clock `--now` would give. */
const at = (day: string) => new Date(`${day}T12:00:00+09:00`);

describe('dueNotice (시행령 제62조의3: every two years from the consent, before its anniversary)', () => {
  it('is due on the day the consent turns two, and from a month before', () => {
    expect(NOTICE_LEAD_DAYS).toBe(30);
    const consent = '2024-12-04T01:00:00.000Z';
    expect(dueNotice(consent, at('2026-12-04'), SEOUL)).toEqual({
      period: 1,
      dueOn: '2026-12-04',
      consentedOn: '2024-12-04',
    });
    expect(dueNotice(consent, at('2026-11-04'), SEOUL)?.period).toBe(1);
    expect(dueNotice(consent, at('2026-11-03'), SEOUL)).toBeUndefined();
    expect(dueNotice(consent, at('2025-12-04'), SEOUL)).toBeUndefined();
  });

  it('counts later periods from the consent, not from the last notice', () => {
    const consent = '2020-03-10T00:00:00.000Z';
    expect(dueNotice(consent, at('2024-02-09'), SEOUL)).toMatchObject({ period: 2, dueOn: '2024-03-10' });
    expect(dueNotice(consent, at('2024-02-08'), SEOUL)).toMatchObject({ period: 1, dueOn: '2022-03-10' });
    expect(dueNotice(consent, at('2030-03-10'), SEOUL)).toMatchObject({ period: 5, dueOn: '2030-03-10' });
  });

  it('takes the date in the newsletter’s time zone', () => {
    // 20:00 UTC on 3 December is already 4 December in Seoul, still 3 December in Los Angeles.
    const consent = '2024-12-03T20:00:00.000Z';
    expect(dueNotice(consent, at('2026-12-04'), SEOUL)?.consentedOn).toBe('2024-12-04');
    expect(dueNotice(consent, at('2026-12-04'), 'America/Los_Angeles')?.consentedOn).toBe('2024-12-03');
  });

  it('moves 29 February to 28 February in a common year', () => {
    expect(dueNotice('2024-02-29T03:00:00.000Z', at('2026-02-28'), SEOUL)?.dueOn).toBe('2026-02-28');
    expect(dueNotice('2024-02-29T03:00:00.000Z', at('2028-02-29'), SEOUL)?.dueOn).toBe('2028-02-29');
  });

  it('counts a consent from before the decree (2014-11-29) from its first day (부칙 제6조)', () => {
    expect(dueNotice('2012-05-01T00:00:00.000Z', at('2016-11-29'), SEOUL)).toEqual({
      period: 1,
      dueOn: '2016-11-29',
      consentedOn: '2014-11-29',
    });
    expect(dueNotice('2012-05-01T00:00:00.000Z', at('2014-05-01'), SEOUL)).toBeUndefined();
  });
});
