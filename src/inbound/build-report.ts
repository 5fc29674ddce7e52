import type { Kysely } from 'kysely';
import type { DeliveryTables } from '../send/tables.ts';
import type { InboundTables } from './tables.ts';
import type { WorkerShare } from './worker-shares.ts';
import { workerShares } from './worker-shares.ts';

/** The consent columns the report reads (the subscriber store owns the table). */
interface ConsentView {
  consents: { subscriber_id: number; unsubscribed_at: string | null; unsubscribe_source: string | null };
}

export type ReportDb = Kysely<InboundTables & DeliveryTables & ConsentView>;

/** One edition of one list: what was sent and what came back. */
export interface EditionReport {
  edition: string;
  listId: string;
  planned: number;
  sent: number;
  deferred: number;
  failed: number;
  skipped: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
  autoReplies: number;
  unsubscribes: { web: number; oneClick: number; mail: number; other: number };
  /** Shares of `sent` (0–1). */
  hardBounceRate: number;
  complaintRate: number;
  /** Each worker's share of `sent` (one row per run of a worker), busiest first. */
  workers: WorkerShare[];
  warnings: string[];
}

/** Gmail's target complaint rate (its limit is 0.3 %), and a hard-bounce rate worth stopping for. */
export const COMPLAINT_WARNING = 0.001;
export const HARD_BOUNCE_WARNING = 0.02;

/**
 * Per edition and list: the ledger's counts, the inbound events tied to it (each ledger row
 * counted once per kind, however many reports named it), and the unsubscribes that followed it
 * (each given to the last edition its reader was sent before leaving).
 */
export async function buildReport(
  db: ReportDb,
  filter: { listId?: string; edition?: string } = {},
): Promise<EditionReport[]> {
  let ledger = db
    .selectFrom('deliveries')
    .select(['edition', 'list_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['edition', 'list_id', 'status']);
  if (filter.listId !== undefined) ledger = ledger.where('list_id', '=', filter.listId);
  if (filter.edition !== undefined) ledger = ledger.where('edition', '=', filter.edition);
  const reports = new Map<string, EditionReport>();
  const reportFor = (edition: string, listId: string) => {
    const key = `${edition}\0${listId}`;
    let report = reports.get(key);
    if (report === undefined) {
      report = empty(edition, listId);
      reports.set(key, report);
    }
    return report;
  };
  for (const row of await ledger.execute()) {
    const report = reportFor(row.edition, row.list_id);
    const n = Number(row.n);
    report.planned += n;
    if (
      row.status === 'sent' ||
      row.status === 'deferred' ||
      row.status === 'failed' ||
      row.status === 'skipped'
    ) {
      report[row.status] += n;
    }
  }
  let events = db
    .selectFrom('inbound_events')
    .select([
      'edition',
      'list_id',
      'kind',
      (eb) => eb.fn.count<number | string>('delivery_id').distinct().as('n'),
    ])
    .where('edition', 'is not', null)
    .groupBy(['edition', 'list_id', 'kind']);
  if (filter.listId !== undefined) events = events.where('list_id', '=', filter.listId);
  if (filter.edition !== undefined) events = events.where('edition', '=', filter.edition);
  for (const row of await events.execute()) {
    if (row.edition === null || row.list_id === null) continue;
    const report = reportFor(row.edition, row.list_id);
    const n = Number(row.n);
    if (row.kind === 'hard-bounce') report.hardBounces += n;
    else if (row.kind === 'soft-bounce') report.softBounces += n;
    else if (row.kind === 'complaint') report.complaints += n;
    else if (row.kind === 'auto-reply') report.autoReplies += n;
  }
  await addUnsubscribes(db, reportFor, reports);
  for (const share of await workerShares(db, filter))
    reportFor(share.edition, share.listId).workers.push(share);
  return [...reports.values()]
    .filter(
      (r) =>
        (filter.listId === undefined || r.listId === filter.listId) &&
        (filter.edition === undefined || r.edition === filter.edition),
    )
    .map(withRates)
    .sort((a, b) => a.edition.localeCompare(b.edition) || a.listId.localeCompare(b.listId));
}

async function addUnsubscribes(
  db: ReportDb,
  reportFor: (edition: string, listId: string) => EditionReport,
  reports: Map<string, EditionReport>,
): Promise<void> {
  const left = await db
    .selectFrom('consents')
    .select(['subscriber_id', 'unsubscribed_at', 'unsubscribe_source'])
    .where('unsubscribed_at', 'is not', null)
    .execute();
  // A complaint is counted as a complaint, not twice.
  const byId = new Map(
    left.filter((c) => c.unsubscribe_source !== 'complaint').map((c) => [String(c.subscriber_id), c]),
  );
  const ids = [...byId.keys()];
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('deliveries')
      .select(['edition', 'list_id', 'subscriber_id', 'sent_at'])
      .where('status', '=', 'sent')
      .where('subscriber_id', 'in', ids.slice(start, start + 500))
      .execute();
    const last = new Map<string, (typeof rows)[number]>();
    for (const row of rows) {
      const consent = byId.get(row.subscriber_id);
      if (consent?.unsubscribed_at == null || Number(row.sent_at) > Date.parse(consent.unsubscribed_at))
        continue;
      const best = last.get(row.subscriber_id);
      if (best === undefined || Number(row.sent_at) > Number(best.sent_at)) last.set(row.subscriber_id, row);
    }
    for (const [id, row] of last) {
      // Only editions already in the report (the filter chose them).
      if (!reports.has(`${row.edition}\0${row.list_id}`)) continue;
      const source = byId.get(id)?.unsubscribe_source;
      const counts = reportFor(row.edition, row.list_id).unsubscribes;
      if (source === 'one-click') counts.oneClick += 1;
      else if (source === 'web') counts.web += 1;
      else if (source === 'mail' || source === 'email') counts.mail += 1;
      else counts.other += 1;
    }
  }
}

function empty(edition: string, listId: string): EditionReport {
  return {
    edition,
    listId,
    planned: 0,
    sent: 0,
    deferred: 0,
    failed: 0,
    skipped: 0,
    hardBounces: 0,
    softBounces: 0,
    complaints: 0,
    autoReplies: 0,
    unsubscribes: { web: 0, oneClick: 0, mail: 0, other: 0 },
    hardBounceRate: 0,
    complaintRate: 0,
    workers: [],
    warnings: [],
  };
}

function withRates(report: EditionReport): EditionReport {
  const hardBounceRate = report.sent === 0 ? 0 : report.hardBounces / report.sent;
  const complaintRate = report.sent === 0 ? 0 : report.complaints / report.sent;
  const warnings: string[] = [];
  if (report.sent > 0 && complaintRate >= COMPLAINT_WARNING) {
    warnings.push(
      `complaint rate ${percent(complaintRate)} reaches 0.1 % (Gmail's target; 0.3 % is its limit): check how readers joined and how easy leaving is`,
    );
  }
  if (report.sent > 0 && hardBounceRate >= HARD_BOUNCE_WARNING) {
    warnings.push(
      `hard bounces ${percent(hardBounceRate)} reach 2 %: the list holds dead or mistyped addresses; check recent imports`,
    );
  }
  return { ...report, hardBounceRate, complaintRate, warnings };
}

/** 0.00123 → "0.12 %". */
export function percent(rate: number): string {
  return `${(rate * 100).toFixed(2)} %`;
}
