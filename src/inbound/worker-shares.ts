import type { Kysely } from 'kysely';
import type { DeliveryTables } from '../send/tables.ts';

/** One run of one worker, in one edition of one list: the rows it sent and when. */
export interface WorkerShare {
  edition: string;
  listId: string;
  /** `--worker-name` / `GAZETTE_WORKER_NAME`, or the host name. */
  worker: string;
  pid: number;
  runId: string;
  /** The owner tag itself (`worker:pid:run`). */
  owner: string;
  messages: number;
  firstSentAt: number;
  lastSentAt: number;
  /** Messages per second from its first to its last accepted message (0 for a single one). */
  rate: number;
}

/**
 * The sent rows of each edition and list, per run of each worker (`sent_by`), busiest first.
 * Rows sent before workers were recorded have no `sent_by` and are left out.
 */
export async function workerShares(
  db: Kysely<DeliveryTables>,
  filter: { listId?: string; edition?: string } = {},
): Promise<WorkerShare[]> {
  let query = db
    .selectFrom('deliveries')
    .select((eb) => [
      'edition',
      'list_id',
      'sent_by',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.min('sent_at').as('first'),
      eb.fn.max('sent_at').as('last'),
    ])
    .where('status', '=', 'sent')
    .where('sent_by', 'is not', null)
    .groupBy(['edition', 'list_id', 'sent_by']);
  if (filter.listId !== undefined) query = query.where('list_id', '=', filter.listId);
  if (filter.edition !== undefined) query = query.where('edition', '=', filter.edition);
  const shares = (await query.execute()).map((row): WorkerShare => {
    const owner = row.sent_by ?? '';
    const messages = Number(row.n);
    const firstSentAt = Number(row.first);
    const lastSentAt = Number(row.last);
    return {
      edition: row.edition,
      listId: row.list_id,
      ...readOwnerTag(owner),
      owner,
      messages,
      firstSentAt,
      lastSentAt,
      rate: rateOf(messages, firstSentAt, lastSentAt),
    };
  });
  return shares.sort(
    (a, b) =>
      a.edition.localeCompare(b.edition) ||
      a.listId.localeCompare(b.listId) ||
      b.messages - a.messages ||
      a.owner.localeCompare(b.owner),
  );
}

/** Every worker of one edition of one list together: messages, span and rate. */
export function totalOf(shares: readonly WorkerShare[]): {
  workers: number;
  messages: number;
  firstSentAt: number;
  lastSentAt: number;
  rate: number;
} {
  const messages = shares.reduce((sum, s) => sum + s.messages, 0);
  const firstSentAt = Math.min(...shares.map((s) => s.firstSentAt));
  const lastSentAt = Math.max(...shares.map((s) => s.lastSentAt));
  return {
    workers: shares.length,
    messages,
    firstSentAt: shares.length > 0 ? firstSentAt : 0,
    lastSentAt: shares.length > 0 ? lastSentAt : 0,
    rate: shares.length > 0 ? rateOf(messages, firstSentAt, lastSentAt) : 0,
  };
}

/** Messages per second over the span from the first to the last: n − 1 intervals in it. */
function rateOf(messages: number, first: number, last: number): number {
  if (messages < 2 || last <= first) return 0;
  return Math.round(((messages - 1) / ((last - first) / 1000)) * 10) / 10;
}

/**
 * An owner tag read back (`send/owner-tag.ts` writes `worker:pid:run`): the worker name may
 * itself hold colons, the pid and the run id never do.
 */
function readOwnerTag(tag: string): { worker: string; pid: number; runId: string } {
  const parts = tag.split(':');
  const runId = parts.pop() ?? '';
  const pid = Number(parts.pop());
  return { worker: parts.join(':'), pid: Number.isInteger(pid) ? pid : 0, runId };
}
