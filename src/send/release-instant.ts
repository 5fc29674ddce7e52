import { TZDate } from '@date-fns/tz';

/**
 * The instant (epoch ms) a reader's copy of the edition of `date` is released: `deliverAt`
 * (`HH:MM`) on that date in `timeZone`. Summer time is the zone's own (@date-fns/tz): 07:00 in
 * Berlin is 06:00 UTC in winter and 05:00 UTC in summer. A wall time the zone skips that day
 * (02:30 on the spring-forward night) is read forward, as the clocks were moved (03:30).
 */
export function releaseInstant(date: string, deliverAt: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = deliverAt.split(':').map(Number);
  return new TZDate(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, 0, timeZone).getTime();
}
