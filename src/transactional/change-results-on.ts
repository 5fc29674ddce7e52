import type { Config } from '../config/config.ts';

/**
 * Whether consent changes get a result notice (정보통신망법 §50⑦): `notices.changeResults`, or,
 * unset, a newsletter kept in Korean time (Asia/Seoul) is taken to be under Korean law.
 */
export function changeResultsOn(config: Pick<Config, 'notices' | 'timeZone'>): boolean {
  return config.notices.changeResults ?? config.timeZone === 'Asia/Seoul';
}
