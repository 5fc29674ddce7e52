import { dueNotice } from './due-notice.ts';
import type { NewNotice, NoticeLedger } from './notice-ledger.ts';
import { noticeKey } from './notice-ledger.ts';
import type { NoticeReaderSource } from './notice-reader-source.ts';

export interface NoticePlan {
  /** Readers with ad consent whose notice window is open today. */
  due: number;
  /** Of those, how many had a notice row already (any status). */
  known: number;
  /** Of those, how many were sent already (a re-run sends them nothing). */
  sent: number;
  /** New rows written (0 in a dry run). */
  planned: number;
  /** Per period number, the readers due. */
  byPeriod: Record<number, number>;
}

const PAGE = 1000;

/**
 * Plan first: every active reader with ad consent whose period's window has opened gets a row
 * (planning again adds nothing). Readers are read in keyset pages, never the whole list at once.
 * A dry run writes nothing and tells what a run would send.
 */
export async function planNotices(
  deps: { ledger: NoticeLedger; source: NoticeReaderSource },
  options: { now: Date; timeZone: string; dryRun?: boolean },
): Promise<NoticePlan> {
  const plan: NoticePlan = { due: 0, known: 0, sent: 0, planned: 0, byPeriod: {} };
  let afterId = 0;
  // Bounded: afterId advances with each page; the loop ends on the last one.
  for (;;) {
    const page = await deps.source.adConsentPage({ afterId, limit: PAGE });
    const rows: NewNotice[] = [];
    for (const reader of page.readers) {
      const due = dueNotice(reader.adConsentSince, options.now, options.timeZone);
      if (due === undefined) continue;
      rows.push({
        subscriber_id: String(reader.id),
        subscriber_ref: reader.uid,
        consented_at: reader.adConsentSince,
        period: due.period,
        due_on: due.dueOn,
      });
      plan.byPeriod[due.period] = (plan.byPeriod[due.period] ?? 0) + 1;
    }
    plan.due += rows.length;
    const existing = await deps.ledger.find(rows);
    plan.known += existing.size;
    for (const row of rows) if (existing.get(noticeKey(row))?.status === 'sent') plan.sent += 1;
    if (!options.dryRun) {
      plan.planned += await deps.ledger.plan(rows.filter((r) => !existing.has(noticeKey(r))));
      // Skipped at claim time (ad consent withdrawn, the reader unsubscribed) and now due again
      // (consent switched back on, same consent date): owed after all.
      const skipped = [...existing.values()].filter((n) => n.status === 'skipped').map((n) => n.id);
      plan.planned += await deps.ledger.reopen(skipped);
    }
    if (page.next === undefined) return plan;
    afterId = page.next;
  }
}
