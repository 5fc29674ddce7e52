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
 * The first instant after `after` (the schedule's clock) at which it has something to do: the
 * next cron tick, the next held ledger row's release, the next hour at which a `deliverAt` list
 * makes its edition (its `deliverAt` in the newsletter's zone), or the end of a lease a dead run
 * left on a row (leases are real time: `offsetMs` is the schedule's clock minus the real one).
 */
export async function nextWake(
  cron: Cron,
  ledger: Pick<Ledger, 'nextRelease' | 'nextLeaseEnd'>,
  config: Pick<Config, 'lists' | 'timeZone'>,
  after: number,
  offsetMs = 0,
): Promise<Wake | undefined> {
  const wakes: Wake[] = [];
  const tick = cron.nextRun(new Date(after));
  if (tick !== null) wakes.push({ at: tick.getTime(), reason: 'cron' });
  const timed = config.lists.filter((list) => list.deliverAt !== undefined);
  if (timed.length > 0) {
    const release = await ledger.nextRelease(after);
    if (release !== undefined) wakes.push({ at: release, reason: 'release' });
    // A run killed mid-send holds its rows until their lease ends: send them then, not tomorrow.
    const leaseEnd = await ledger.nextLeaseEnd(after - offsetMs);
    if (leaseEnd !== undefined) wakes.push({ at: leaseEnd + offsetMs + 1, reason: 'release' });
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
