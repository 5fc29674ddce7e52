/**
 * 시행령 부칙 <제25789호, 2014.11.28> 제6조: a consent given before the decree took effect
 * counts as given on its first day, 2014-11-29.
 */
export const DECREE_FIRST_DAY = '2014-11-29';

/**
 * How many days before each anniversary the notice goes out. 시행령 제62조의3①: every two years
 * from the consent, "매 2년이 되는 해의 수신동의를 받은 날과 같은 날 전까지", i.e. before the
 * anniversary; a month leaves room for a sender that was down, a deferral, a holiday.
 */
export const NOTICE_LEAD_DAYS = 30;

export interface DueNotice {
  /** 1 for the two-year notice, 2 for the four-year one, … */
  period: number;
  /** The anniversary (`YYYY-MM-DD`) the notice is due before. */
  dueOn: string;
  /** The consent date the periods count from (`YYYY-MM-DD`, after the 2014 rule). */
  consentedOn: string;
}

/**
 * The notice owed on `now` for a consent given at `consentedAt` (an ISO instant), dates taken
 * in `timeZone`: the latest period whose window (from NOTICE_LEAD_DAYS before its anniversary)
 * has opened, or undefined before the first one opens. A period missed entirely (the sender
 * was off for years) is not sent late once the next one has opened: one notice per period,
 * and the newest says all the older one would have.
 */
export function dueNotice(consentedAt: string, now: Date, timeZone: string): DueNotice | undefined {
  const given = localDate(new Date(consentedAt), timeZone);
  const consentedOn = given < DECREE_FIRST_DAY ? DECREE_FIRST_DAY : given;
  const today = localDate(now, timeZone);
  let due: DueNotice | undefined;
  // Bounded: a period opens every two years; 100 periods are two centuries.
  for (let period = 1; period <= 100; period += 1) {
    const dueOn = addYears(consentedOn, 2 * period);
    if (addDays(dueOn, -NOTICE_LEAD_DAYS) > today) break;
    due = { period, dueOn, consentedOn };
  }
  return due;
}

/** `YYYY-MM-DD` of an instant in an IANA time zone. */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
function addYears(day: string, years: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return isoDay(new Date(Date.UTC(y + years, m - 1, Math.min(d, lastDay))));
}

function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
