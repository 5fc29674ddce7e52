import { format } from 'date-fns';
// Two locale modules, not the date-fns/locale barrel: the barrel loads every locale (seconds at start-up).
import { enUS } from 'date-fns/locale/en-US';
import { ko } from 'date-fns/locale/ko';
import type { Language } from '../locale.ts';

const PATTERNS: Record<Language, { pattern: string; locale: typeof ko }> = {
  ko: { pattern: 'yyyy년 M월 d일 EEEE', locale: ko },
  en: { pattern: 'EEEE, MMMM d, yyyy', locale: enUS },
};

/** An edition date (`YYYY-MM-DD`) the local way: "2026년 3월 2일 월요일", "Monday, March 2, 2026". */
export function formatEditionDate(date: string, language: Language): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // A calendar date, not an instant: built in local time so no zone can shift the day.
  const calendar = new Date(year, month - 1, day);
  const { pattern, locale } = PATTERNS[language];
  return format(calendar, pattern, { locale });
}
