import { TZDate } from '@date-fns/tz';

/** The first instant of an edition's date in its time zone: when the edition becomes public. */
export function editionStart(date: string, timeZone: string): TZDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day, timeZone);
}
