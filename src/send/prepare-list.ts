import type { ListConfig } from '../config/config-schema.ts';
import type { EditionOptions } from '../edition/build-editions.ts';
import type { Edition } from '../edition/edition.ts';
import { filterEdition } from '../edition/filter-edition.ts';
import type { SegmentCache } from './create-segment-cache.ts';
import { createSegmentCache } from './create-segment-cache.ts';
import type { DigestRenderer } from './digest-renderer.ts';
import type { Ledger, StatusCounts } from './ledger.ts';
import type { PlanResult } from './plan-send.ts';
import { planSend } from './plan-send.ts';
import type { SubscriberSource } from './subscriber-source.ts';

/** One list, planned and rendered, ready to deliver. */
export interface PreparedList {
  list: ListConfig;
  /** The edition's date. */
  date: string;
  segments: SegmentCache;
  plan: PlanResult;
  /** The ledger of this edition of the list once planned. */
  before: StatusCounts;
}

/**
 * Plan a list (idempotent) and render every segment that still has someone to send to, so a
 * template or size-budget error stops the send before anyone gets mail.
 */
export async function prepareList(
  deps: { source: SubscriberSource; ledger: Ledger; renderer: DigestRenderer },
  options: {
    list: ListConfig;
    edition: Edition;
    editionOptions: EditionOptions;
    dryRun?: boolean;
    pageSize?: number;
    /** False: an earlier edition whose rows are planned already; only its open rows are sent. */
    plan?: boolean;
  },
): Promise<PreparedList> {
  const { list, edition, editionOptions } = options;
  const listEdition = filterEdition(edition, list.categories, editionOptions);
  const segments = createSegmentCache(deps.renderer, list, listEdition, editionOptions);
  const plan =
    options.plan === false
      ? { segments: [], recipients: 0, added: 0, emptySegment: 0, noAdConsent: 0 }
      : await planSend(
          { source: deps.source, ledger: deps.ledger, segments },
          {
            list,
            edition: { date: edition.date },
            timeZone: editionOptions.timeZone,
            dryRun: options.dryRun,
            pageSize: options.pageSize,
          },
        );
  const scope = { edition: edition.date, listId: list.id };
  if (!options.dryRun) {
    // One at a time: rendering is CPU-bound. The cache keeps what fits its memory bound; a
    // segment let go is rendered again, identically, when its readers' turn comes.
    for (const key of await deps.ledger.openSegments(scope)) await segments.render(key);
  }
  return { list, date: edition.date, segments, plan, before: await deps.ledger.counts(scope) };
}
