import type { ListConfig } from '../config/config-schema.ts';
import type { Ledger, NewDelivery } from './ledger.ts';
import type { SegmentCache } from './create-segment-cache.ts';
import type { SubscriberSource } from './subscriber-source.ts';
import { releaseInstant } from './release-instant.ts';
import { segmentOf } from './segment.ts';

export interface SegmentPlan {
  key: string;
  recipients: number;
  items: number;
  /** Its share of the edition has a sponsored item: only readers with ad consent, `(광고)` subject. */
  advertising: boolean;
  subject?: string;
  htmlBytes?: number;
}

export interface PlanResult {
  segments: SegmentPlan[];
  /** Recipients with something to receive (ledger rows, new or not). */
  recipients: number;
  /** Rows this planning added to the ledger (0 when planned before, or on a dry run). */
  added: number;
  /** Active subscribers left out: their segment's edition is empty. */
  emptySegment: number;
  /** Active subscribers left out: their segment's share is advertising and they gave no ad consent. */
  noAdConsent: number;
  /** With `deliverAt`: how many recipients are released at each instant, earliest first. */
  releases?: Release[];
}

/** The recipients whose copy is released at one instant (their `deliverAt` in their zones). */
export interface Release {
  /** Epoch ms. */
  at: number;
  recipients: number;
  /** The zones whose hour this is, sorted. */
  timeZones: string[];
}

type Page = Awaited<ReturnType<SubscriberSource['activeSubscribersPage']>>;

export interface PlanOptions {
  list: ListConfig;
  edition: { date: string };
  /** The newsletter's `timeZone`: the zone of readers who chose none. */
  timeZone: string;
  /** Count and render only; write nothing. */
  dryRun?: boolean;
  /** Subscribers read per page (default: the ledger's `planBatch`): the list is never held in memory whole. */
  pageSize?: number;
}

/**
 * Group a list's active subscribers into segments (locale × topics), render each segment once
 * and write one ledger row per recipient. Idempotent: planning again adds only new subscribers.
 */
export async function planSend(
  deps: { source: SubscriberSource; ledger: Ledger; segments: SegmentCache },
  options: PlanOptions,
): Promise<PlanResult> {
  const { list, edition } = options;
  const bySegment = new Map<string, SegmentPlan>();
  const result: PlanResult = {
    segments: [],
    recipients: 0,
    added: 0,
    emptySegment: 0,
    noAdConsent: 0,
  };
  const releases = new Map<number, { recipients: number; timeZones: Set<string> }>();
  // One instant per zone, not one TZDate per reader.
  const instantOf = new Map<string, number>();
  const notBefore = (zone: string): number => {
    if (list.deliverAt === undefined) return 0;
    let at = instantOf.get(zone);
    if (at === undefined) {
      at = releaseInstant(edition.date, list.deliverAt, zone);
      instantOf.set(zone, at);
    }
    return at;
  };
  const pageSize = options.pageSize ?? deps.ledger.planBatch;
  const readPage = (afterId: number): Promise<Page> => {
    const reading = deps.source.activeSubscribersPage(list.id, { afterId, limit: pageSize });
    // Awaited below; marked handled so a failed write meanwhile does not leave it unobserved.
    reading.catch(() => undefined);
    return reading;
  };
  // The same few segments recur on every page: look each (locale, topics) up once.
  const segmentFor = new Map<string, ReturnType<typeof segmentOf>>();
  let writing: Promise<void> = Promise.resolve();
  let next: Promise<Page> | undefined = readPage(0);
  // Bounded: every page moves the keyset cursor forward; the store returns no `next` on the last.
  while (next !== undefined) {
    const page: Page = await next;
    // Read the next page while this one is written (PostgreSQL overlaps them; SQLite takes turns).
    next = page.next === undefined || page.subscribers.length === 0 ? undefined : readPage(page.next);
    const rows: NewDelivery[] = [];
    for (const subscriber of page.subscribers) {
      const topicsKey = `${subscriber.locale}|${subscriber.categories.join(',')}`;
      let segment = segmentFor.get(topicsKey);
      if (segment === undefined) {
        segment = segmentOf(subscriber.locale, subscriber.categories);
        segmentFor.set(topicsKey, segment);
      }
      const share = deps.segments.share(segment.key);
      if (share.items === 0) {
        result.emptySegment++;
        continue;
      }
      // 정보통신망법 §50: only the segments whose share carries a sponsored item are advertising.
      const advertising = share.edition.advertising;
      if (advertising && !subscriber.adConsent) {
        result.noAdConsent++;
        continue;
      }
      let plan = bySegment.get(segment.key);
      if (!plan) {
        plan = { key: segment.key, recipients: 0, items: share.items, advertising };
        if (options.dryRun) {
          // A dry run shows what each segment would get; a real run renders every segment with
          // open rows once planning is done (prepareList), before the first message goes out.
          const rendered = await deps.segments.render(segment.key);
          plan.subject = rendered?.subject;
          plan.htmlBytes = rendered?.htmlBytes;
        }
        bySegment.set(segment.key, plan);
      }
      plan.recipients++;
      result.recipients++;
      const zone = subscriber.timeZone ?? options.timeZone;
      const at = notBefore(zone);
      if (list.deliverAt !== undefined) {
        const release = releases.get(at) ?? { recipients: 0, timeZones: new Set<string>() };
        release.recipients++;
        release.timeZones.add(zone);
        releases.set(at, release);
      }
      rows.push({
        edition: edition.date,
        list_id: list.id,
        subscriber_id: String(subscriber.id),
        subscriber_ref: subscriber.uid,
        email: subscriber.email,
        name: subscriber.name,
        locale: subscriber.locale,
        segment: segment.key,
        not_before: at,
      });
    }
    // At most one write in flight, in page order: a failed write stops the planning.
    await writing;
    if (!options.dryRun && rows.length > 0) {
      writing = deps.ledger.plan(rows).then((added) => {
        result.added += added;
      });
      writing.catch(() => undefined);
    }
  }
  await writing;
  result.segments = [...bySegment.values()].sort((a, b) => a.key.localeCompare(b.key));
  if (list.deliverAt !== undefined)
    result.releases = [...releases]
      .sort(([a], [b]) => a - b)
      .map(([at, release]) => ({
        at,
        recipients: release.recipients,
        timeZones: [...release.timeZones].sort(),
      }));
  return result;
}
