import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Edition } from '../edition/edition.ts';
import { GazetteError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { DigestRenderer } from './digest-renderer.ts';
import type { Ledger, StatusCounts } from './ledger.ts';
import { ownerTag } from './owner-tag.ts';
import type { SubscriberSource, TokenFor } from './subscriber-source.ts';
import type { PlanResult } from './plan-send.ts';
import type { DeliveryEvent, DeliverResult } from './deliver.ts';
import { deliver } from './deliver.ts';
import type { PreparedList } from './prepare-list.ts';
import { prepareList } from './prepare-list.ts';

export interface SendDeps {
  ledger: Ledger;
  source: SubscriberSource;
  mailer: Mailer;
  renderer: DigestRenderer;
  tokenFor: TokenFor;
}

export interface SendOptions {
  config: Config;
  /**
   * The edition of a list for the date: the stored record (frozen by the first call that
   * plans it), so every recipient, worker and resume gets the same one. Undefined or empty:
   * the list has nothing that day.
   */
  editionFor: (list: ListConfig) => Promise<Edition | undefined>;
  /** Edition date, `YYYY-MM-DD` in the newsletter's time zone. */
  date: string;
  /** Only these lists (default: every list). */
  lists?: string[];
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
  plan: PlanResult;
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
  const editionOptions = { timeZone: config.timeZone, categories: config.categories };
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
    elapsedMs: 0,
    rate: 0,
    dryRun: options.dryRun === true,
    owner,
  };
  // Everything is planned and rendered before the first message: a render error sends nothing.
  const prepared: PreparedList[] = [];
  const planned: ListConfig[] = [];
  for (const list of lists) {
    if (signal?.aborted) break;
    planned.push(list);
    const edition = await options.editionFor(list);
    if (edition === undefined || edition.sections.length === 0) continue;
    summary.hasEdition = true;
    summary.advertising ||= edition.advertising;
    const ready = await prepareList(deps, {
      list,
      edition,
      editionOptions,
      dryRun: options.dryRun,
      pageSize: options.pageSize,
    });
    const open = options.dryRun ? ready.plan.recipients : ready.before.pending + ready.before.deferred;
    options.onPlanned?.(list, ready.plan, open);
    prepared.push(ready);
  }
  summary.notPlanned = lists.slice(planned.length).map((list) => list.id);
  for (const { list, segments, plan, before } of prepared) {
    const listSummary: ListSummary = {
      listId: list.id,
      plan,
      sent: 0,
      failed: 0,
      skipped: 0,
      lost: 0,
      ledger: before,
    };
    summary.lists.push(listSummary);
    if (options.dryRun) continue;
    const scope = { edition: options.date, listId: list.id };
    if (!signal?.aborted && !summary.paused && !summary.fatal) {
      const result = await deliver(
        { ...deps, segments },
        {
          config,
          list,
          date: options.date,
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
  summary.pending += list.ledger.pending;
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
