import type { Cron } from 'croner';
import type { Config } from '../config/config.ts';
import { today } from '../edition/local-date.ts';
import type { Ledger } from '../send/ledger.ts';
import { releaseInstant } from '../send/release-instant.ts';

/** What wakes `gazette schedule` next: the cron tick (every list) or a reader's hour (`deliverAt` lists). */
export interface Wake {
  at: number;
  /** `cron`: the configured tick; `release`: a held row's instant or a `deliverAt` list's hour. */
  reason: 'cron' | 'release';
}

/**
 * The first instant after `after` at which the schedule has something to do: the next cron tick,
 * the next held ledger row's release, or the next hour at which a `deliverAt` list makes its
 * edition (its `deliverAt` in the newsletter's zone).
 */
export async function nextWake(
  cron: Cron,
  ledger: Pick<Ledger, 'nextRelease'>,
  config: Pick<Config, 'lists' | 'timeZone'>,
  after: number,
): Promise<Wake | undefined> {
  const wakes: Wake[] = [];
  const tick = cron.nextRun(new Date(after));
  if (tick !== null) wakes.push({ at: tick.getTime(), reason: 'cron' });
  const timed = config.lists.filter((list) => list.deliverAt !== undefined);
  if (timed.length > 0) {
    const release = await ledger.nextRelease(after);
    if (release !== undefined) wakes.push({ at: release, reason: 'release' });
    for (const list of timed) {
      // Today's hour in the newsletter's zone, or tomorrow's once it has passed (24 h on is always the next date).
      for (const day of [after, after + 86_400_000]) {
        const at = releaseInstant(
          today(config.timeZone, new Date(day)),
          list.deliverAt ?? '00:00',
          config.timeZone,
        );
        if (at > after) {
          wakes.push({ at, reason: 'release' });
          break;
        }
      }
    }
  }
  wakes.sort((a, b) => a.at - b.at || (a.reason === 'cron' ? -1 : 1));
  return wakes[0];
}
