import type { ListConfig } from '../config/config-schema.ts';
import type { Edition } from '../edition/edition.ts';
import type { PreparedList } from './prepare-list.ts';
import { prepareList } from './prepare-list.ts';
import { releaseInstant } from './release-instant.ts';
import type { SendDeps, SendOptions, SendSummary } from './run-send.ts';

/**
 * Plan and render every list of a send before its first message (a render error sends nothing):
 * the day's edition of each list, and for a `deliverAt` list first the earlier editions whose
 * rows are still held (readers west of the newsletter's zone), and the day's only once the list's
 * hour has come in the newsletter's zone. Returns the prepared editions and how many lists were
 * reached before a stop signal.
 */
export async function prepareLists(
  deps: SendDeps,
  options: SendOptions,
  lists: ListConfig[],
  summary: SendSummary,
  now: () => number,
): Promise<{ prepared: PreparedList[]; planned: number }> {
  const { config, signal } = options;
  const editionOptions = { timeZone: config.timeZone, categories: config.categories };
  const prepared: PreparedList[] = [];
  let planned = 0;
  for (const list of lists) {
    if (signal?.aborted) break;
    planned++;
    const prepare = (edition: Edition, plan = true) =>
      prepareList(deps, {
        list,
        edition,
        editionOptions,
        dryRun: options.dryRun,
        pageSize: options.pageSize,
        plan,
      });
    if (list.deliverAt !== undefined) {
      // Earlier editions first: a reader west of the newsletter's zone gets yesterday's at their hour today.
      for (const date of await deps.ledger.openEditions(list.id, options.date)) {
        const earlier = await options.earlierEdition?.(list, date);
        if (earlier !== undefined && earlier.sections.length > 0)
          prepared.push(await prepare(earlier, false));
      }
      if (options.releaseOnly?.includes(list.id)) continue;
      // The day's edition is made (frozen, planned) at the list's hour in the newsletter's own zone.
      const makesAt = releaseInstant(options.date, list.deliverAt, config.timeZone);
      if (!options.dryRun && now() < makesAt) {
        summary.makesAt.push({ listId: list.id, at: makesAt });
        continue;
      }
    }
    const edition = await options.editionFor(list);
    if (edition === undefined || edition.sections.length === 0) continue;
    summary.hasEdition = true;
    summary.advertising ||= edition.advertising;
    const ready = await prepare(edition);
    // Rows held for their reader's hour are not this run's to send: the progress counts the rest.
    const held =
      list.deliverAt === undefined || options.dryRun
        ? 0
        : (await deps.ledger.held({ edition: ready.date, listId: list.id }, now())).count;
    const open = options.dryRun ? ready.plan.recipients : ready.before.pending + ready.before.deferred - held;
    options.onPlanned?.(list, ready.plan, open);
    prepared.push(ready);
  }
  return { prepared, planned };
}
