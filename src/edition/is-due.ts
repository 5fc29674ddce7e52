import { getDay, parseISO } from 'date-fns';
import type { ListConfig } from '../config/config-schema.ts';
import { WEEKDAYS } from '../config/config-schema.ts';

/** Whether a list has an edition on `date` (`YYYY-MM-DD`): daily lists every day, weekly ones on their day. */
export function isDue(list: Pick<ListConfig, 'cadence'>, date: string): boolean {
  const cadence = list.cadence;
  if (cadence === undefined || cadence.every === 'day') return true;
  return WEEKDAYS[getDay(parseISO(date))] === cadence.on;
}
