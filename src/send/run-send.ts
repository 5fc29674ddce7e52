import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Edition } from '../edition/edition.ts';
import { GazetteError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { DigestRenderer } from './digest-renderer.ts';
import type { Ledger, StatusCounts } from './ledger.ts';
import { ownerTag } from './owner-tag.ts';
import type { MailtoFor, SubscriberSource, TokenFor } from './subscriber-source.ts';
import type { PlanResult } from './plan-send.ts';
import type { DeliveryEvent, DeliverResult } from './deliver.ts';
import { deliver } from './deliver.ts';
import { createReleaseGate } from './create-release-gate.ts';
import { prepareLists } from './prepare-lists.ts';

export interface SendDeps {
  ledger: Ledger;
  source: SubscriberSource;
  mailer: Mailer;
  renderer: DigestRenderer;
  tokenFor: TokenFor;
  /** Issue 14: the per-recipient List-Unsubscribe mailto; absent, config.unsubscribeMailto. */
  mailtoFor?: MailtoFor;
}

export interface SendOptions {
  config: Config;
  /**
   * The edition of a list for the date: the stored record (frozen by the first call that
   * plans it), so every recipient, worker and resume gets the same one. Undefined or empty:
   * the list has nothing that day.
   */
  editionFor: (list: ListConfig) => Promise<Edition | undefined>;
  /**
   * The stored record of an earlier edition whose rows are still open (a `deliverAt` list: its
   * readers west of the newsletter's zone get it after the newsletter's date has moved on).
   */
  earlierEdition?: (list: ListConfig, date: string) => Promise<Edition | undefined>;
  /** Edition date, `YYYY-MM-DD` in the newsletter's time zone. */
  date: string;
  /** The clock of releases (`--now`); default the real one. Leases and retries keep real time. */
  now?: () => number;
  /** Only these lists (default: every list). */
  lists?: string[];
  /** Lists not due on the date: only their earlier editions' open rows are sent (`deliverAt`). */
  releaseOnly?: string[];
  dryRun?: boolean;
  signal?: AbortSignal;
  retryBaseMs?: number;
  maxRetryWaitMs?: number;
  leaseMs?: number;
  throttleMs?: number;
  maxConnectionRounds?: number;
  pageSize?: number;
  /** Who this run is in the ledger (`claimed_by`, `sent_by`): default the host name. */
  workerName?: string;
  onPlanned?: (list: ListConfig, plan: PlanResult, open: number) => void;
  onEvent?: (list: ListConfig, event: DeliveryEvent) => void;
}

export interface ListSummary {
  listId: string;
  /** The edition's date (a `deliverAt` list may send earlier editions' held rows too). */
  edition: string;
  plan: PlanResult;
  /** Rows waiting for their reader's hour, and the first of those instants (epoch ms). */
  held: number;
  nextRelease?: number;
  /** This run's results. */
  sent: number;
  failed: number;
  skipped: number;
  lost: number;
  /** The ledger for this edition of the list after the run (all runs and workers). */
  ledger: StatusCounts;
  /** When the last lease of a row still claimed by another worker ends. */
  claimedUntil?: number;
  paused?: string;
  fatal?: DeliverResult['fatal'];
}

export interface SendSummary {
  date: string;
  /** False when no list has an edition for the date: nothing to send. */
  hasEdition: boolean;
  /** Some item is sponsored: the segments whose share carries one are advertising. */
  advertising: boolean;
  lists: ListSummary[];
  /** Lists a stop signal kept from being planned: nothing of theirs was sent by this run. */
  notPlanned: string[];
  sent: number;
  failed: number;
  skipped: number;
  /** Results this run could not write: its lease on the row had run out (see docs/sending.md). */
  lost: number;
  /** Messages left deferred in the ledger (retried by the next run). */
  deferred: number;
  /** Messages not attempted yet (the run was stopped or paused); the next run sends them. */
  pending: number;
  /** Messages claimed by another worker, alive or dead; sent by it, or by a run after the lease. */
  claimed: number;
  /** Messages held for their reader's hour (`deliverAt`): released by a later run, not a shortfall. */
  held: number;
  /** When the next held message is released (epoch ms). */
  nextRelease?: number;
  /** Open rows of earlier editions closed because the reader's newer copy was released first. */
  superseded: number;
  /** `deliverAt` lists whose edition of the date is made later (at their hour in the newsletter's zone), and when. */
  makesAt: { listId: string; at: number }[];
  /** When the last of those leases ends (epoch ms). */
  claimedUntil?: number;
  elapsedMs: number;
  /** Messages sent per second by this run. */
  rate: number;
  paused?: string;
  /** An error that would have hit every message stopped the send; nothing was marked failed. */
  fatal?: DeliverResult['fatal'];
  dryRun: boolean;
  /** This run's owner tag (`worker:pid:run`), on the rows it claims and sends. */
  owner: string;
}

/**
 * The daily send of one date: plan every list (idempotent) and render what it needs, then
 * deliver what is open, list by list.
 */
export async function runSend(deps: SendDeps, options: SendOptions): Promise<SendSummary> {
  const started = performance.now();
  const { config, signal } = options;
  const lists = pickLists(config.lists, options.lists);
  const runId = randomBytes(6).toString('hex');
  const owner = ownerTag(runId, options.workerName);
  const summary: SendSummary = {
    date: options.date,
    hasEdition: false,
    advertising: false,
    lists: [],
    notPlanned: [],
    sent: 0,
    failed: 0,
    skipped: 0,
    lost: 0,
    deferred: 0,
    pending: 0,
    claimed: 0,
    held: 0,
    superseded: 0,
    makesAt: [],
    elapsedMs: 0,
    rate: 0,
    dryRun: options.dryRun === true,
    owner,
  };
  const now = options.now ?? Date.now;
  // Everything is planned and rendered before the first message: a render error sends nothing.
  const { prepared, planned } = await prepareLists(deps, options, lists, summary, now);
  summary.notPlanned = lists.slice(planned).map((list) => list.id);
  if (!options.dryRun) {
    // Newest first, so that a chain of missed days leaves each reader only their latest copy.
    for (const ready of [...prepared].reverse()) {
      if (ready.list.deliverAt === undefined) continue;
      summary.superseded += await deps.ledger.supersede(ready.list.id, ready.date, now());
    }
  }
  for (const { list, date, segments, plan, before } of prepared) {
    const listSummary: ListSummary = {
      listId: list.id,
      edition: date,
      plan,
      sent: 0,
      failed: 0,
      skipped: 0,
      lost: 0,
      held: 0,
      ledger: before,
    };
    summary.lists.push(listSummary);
    if (options.dryRun) continue;
    const scope = { edition: date, listId: list.id };
    const ledger =
      list.deliverAt === undefined
        ? deps.ledger
        : createReleaseGate(deps.ledger, deps.source, {
            deliverAt: list.deliverAt,
            timeZone: config.timeZone,
            now,
          });
    if (!signal?.aborted && !summary.paused && !summary.fatal) {
      const result = await deliver(
        { ...deps, ledger, segments },
        {
          config,
          list,
          date,
          runId,
          owner,
          concurrency: config.send.concurrency,
          ratePerSecond: config.send.ratePerSecond,
          maxAttempts: config.send.maxAttempts,
          retryBaseMs: options.retryBaseMs,
          maxRetryWaitMs: options.maxRetryWaitMs,
          leaseMs: options.leaseMs,
          throttleMs: options.throttleMs,
          maxConnectionRounds: options.maxConnectionRounds,
          signal,
          onEvent: (event) => options.onEvent?.(list, event),
        },
      );
      const { deferrals: _deferrals, ...counts } = result;
      Object.assign(listSummary, counts);
    }
    listSummary.ledger = await deps.ledger.counts(scope);
    if (listSummary.ledger.claimed > 0) listSummary.claimedUntil = await deps.ledger.claimedUntil(scope);
    if (list.deliverAt !== undefined) {
      const held = await deps.ledger.held(scope, now());
      listSummary.held = held.count;
      listSummary.nextRelease = held.next;
    }
    add(summary, listSummary);
  }
  return finish(summary, started);
}

function add(summary: SendSummary, list: ListSummary): void {
  summary.sent += list.sent;
  summary.failed += list.failed;
  summary.skipped += list.skipped;
  summary.lost += list.lost;
  summary.deferred += list.ledger.deferred;
  // Held rows are pending in the ledger, but waiting for their hour is not a shortfall.
  summary.pending += list.ledger.pending - list.held;
  summary.held += list.held;
  if (list.nextRelease !== undefined)
    summary.nextRelease = Math.min(summary.nextRelease ?? list.nextRelease, list.nextRelease);
  summary.claimed += list.ledger.claimed;
  if (list.claimedUntil !== undefined) {
    summary.claimedUntil = Math.max(summary.claimedUntil ?? 0, list.claimedUntil);
  }
  summary.paused ??= list.paused;
  summary.fatal ??= list.fatal;
}

function finish(summary: SendSummary, started: number): SendSummary {
  summary.elapsedMs = Math.round(performance.now() - started);
  summary.rate = summary.elapsedMs > 0 ? Math.round((summary.sent / summary.elapsedMs) * 10_000) / 10 : 0;
  return summary;
}

function pickLists(lists: ListConfig[], wanted: string[] | undefined): ListConfig[] {
  if (wanted === undefined || wanted.length === 0) return lists;
  const unknown = wanted.filter((id) => !lists.some((list) => list.id === id));
  if (unknown.length > 0) {
    throw new GazetteError(
      'USAGE',
      `Unknown list ${unknown.map((id) => `"${id}"`).join(', ')}. Configured lists: ${lists.map((l) => l.id).join(', ')}.`,
      { field: 'list' },
    );
  }
  return lists.filter((list) => wanted.includes(list.id));
}
