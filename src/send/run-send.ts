import { randomBytes } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Item } from '../content/item.ts';
import { buildEditions } from '../edition/build-editions.ts';
import { filterEdition } from '../edition/filter-edition.ts';
import { GazetteError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { DigestRenderer } from './digest-renderer.ts';
import type { Ledger, StatusCounts } from './ledger.ts';
import { ownerTag } from './ledger.ts';
import type { SubscriberSource, TokenFor } from './subscriber-source.ts';
import type { PlanResult } from './plan-send.ts';
import { planSend } from './plan-send.ts';
import type { DeliveryEvent } from './deliver.ts';
import { deliver } from './deliver.ts';
import { createSegmentCache } from './create-segment-cache.ts';

export interface SendDeps {
  ledger: Ledger;
  source: SubscriberSource;
  mailer: Mailer;
  renderer: DigestRenderer;
  tokenFor: TokenFor;
}

export interface SendOptions {
  config: Config;
  items: Item[];
  /** Edition date, `YYYY-MM-DD` in the newsletter's time zone. */
  date: string;
  /** Only these lists (default: every list). */
  lists?: string[];
  dryRun?: boolean;
  signal?: AbortSignal;
  retryBaseMs?: number;
  maxRetryWaitMs?: number;
  leaseMs?: number;
  pageSize?: number;
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
  /** The ledger for this edition of the list after the run (all runs and workers). */
  ledger: StatusCounts;
  paused?: string;
}

export interface SendSummary {
  date: string;
  /** False when the content has no items for the date: nothing to send. */
  hasEdition: boolean;
  advertising: boolean;
  lists: ListSummary[];
  sent: number;
  failed: number;
  skipped: number;
  /** Messages left deferred in the ledger (retried by the next run). */
  deferred: number;
  /** Messages not attempted yet (the run was stopped or paused); the next run sends them. */
  pending: number;
  elapsedMs: number;
  /** Messages sent per second by this run. */
  rate: number;
  paused?: string;
  dryRun: boolean;
}

/** The daily send of one date: for each list, plan (idempotent) then deliver what is open. */
export async function runSend(deps: SendDeps, options: SendOptions): Promise<SendSummary> {
  const started = performance.now();
  const { config } = options;
  const lists = pickLists(config.lists, options.lists);
  const editionOptions = { timeZone: config.timeZone, categories: config.categories };
  const edition = buildEditions(options.items, editionOptions).find((e) => e.date === options.date);
  const summary: SendSummary = {
    date: options.date,
    hasEdition: edition !== undefined,
    advertising: edition?.advertising ?? false,
    lists: [],
    sent: 0,
    failed: 0,
    skipped: 0,
    deferred: 0,
    pending: 0,
    elapsedMs: 0,
    rate: 0,
    dryRun: options.dryRun === true,
  };
  if (edition === undefined) return finish(summary, started);
  const runId = randomBytes(6).toString('hex');
  for (const list of lists) {
    if (options.signal?.aborted || summary.paused) break;
    const listEdition = filterEdition(edition, list.categories, editionOptions);
    const segments = createSegmentCache(deps.renderer, list, listEdition, editionOptions);
    const scope = { date: edition.date, advertising: edition.advertising };
    const plan = await planSend(
      { source: deps.source, ledger: deps.ledger, segments },
      { list, edition: scope, dryRun: options.dryRun, pageSize: options.pageSize },
    );
    const ledgerScope = { edition: edition.date, listId: list.id };
    const before = await deps.ledger.counts(ledgerScope);
    options.onPlanned?.(list, plan, options.dryRun ? plan.recipients : before.pending + before.deferred);
    const listSummary: ListSummary = {
      listId: list.id,
      plan,
      sent: 0,
      failed: 0,
      skipped: 0,
      ledger: before,
    };
    summary.lists.push(listSummary);
    if (options.dryRun) continue;
    const result = await deliver(
      { ...deps, segments },
      {
        config,
        list,
        edition: scope,
        runId,
        owner: ownerTag(runId),
        concurrency: config.send.concurrency,
        ratePerSecond: config.send.ratePerSecond,
        maxAttempts: config.send.maxAttempts,
        retryBaseMs: options.retryBaseMs,
        maxRetryWaitMs: options.maxRetryWaitMs,
        leaseMs: options.leaseMs,
        signal: options.signal,
        onEvent: (event) => options.onEvent?.(list, event),
      },
    );
    Object.assign(listSummary, {
      sent: result.sent,
      failed: result.failed,
      skipped: result.skipped,
      ledger: await deps.ledger.counts(ledgerScope),
      paused: result.paused,
    });
    summary.sent += result.sent;
    summary.failed += result.failed;
    summary.skipped += result.skipped;
    summary.deferred += listSummary.ledger.deferred;
    summary.pending += listSummary.ledger.pending;
    summary.paused ??= result.paused;
  }
  return finish(summary, started);
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
