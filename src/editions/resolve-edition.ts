import type { ListConfig } from '../config/config-schema.ts';
import type { Item } from '../content/item.ts';
import type { EditionOptions } from '../edition/build-editions.ts';
import { buildEdition } from '../edition/build-editions.ts';
import type { Edition } from '../edition/edition.ts';
import type { LeftOutItem } from '../edition/select-edition-items.ts';
import { selectEditionItems } from '../edition/select-edition-items.ts';
import type { EditionHistory, EditionStore, StoredEdition } from './edition-store.ts';
import { itemFingerprint } from './item-fingerprint.ts';

export interface ResolvedEdition {
  /** The list's edition: the record when frozen, else what it would hold now. */
  edition: Edition;
  /** True when the edition is a stored record (sent, or being sent). */
  frozen: boolean;
  /** Items that are in no edition and will not be (too old, over the cap, changed after sent). */
  leftOut: LeftOutItem[];
}

export interface ResolveOptions {
  list: ListConfig;
  date: string;
  /** The content folder's valid items now. */
  items: readonly Item[];
  editionOptions: EditionOptions;
  lateWindowDays: number;
  /** Store the edition if it is not stored yet (a real send); otherwise only look. */
  freeze: boolean;
  now?: number;
}

/**
 * The edition of a list for a date. A stored record is returned as it was frozen. Otherwise the
 * membership rule picks from the content; with `freeze` a non-empty edition is stored (the
 * first freeze wins), so every recipient, worker and resume gets that same edition.
 */
export async function resolveEdition(store: EditionStore, options: ResolveOptions): Promise<ResolvedEdition> {
  const { list, date } = options;
  const stored = await store.find(list.id, date);
  if (stored !== undefined) return ofRecord(stored, options);
  let leftOut: LeftOutItem[] = [];
  const compose = ({ sent, since }: EditionHistory) => {
    const membership = selectEditionItems({
      items: options.items,
      list,
      date,
      timeZone: options.editionOptions.timeZone,
      lateWindowDays: options.lateWindowDays,
      sent,
      since,
      fingerprint: itemFingerprint,
    });
    leftOut = membership.leftOut;
    return membership;
  };
  const live = compose(await store.history(list.id));
  if (live.items.length === 0) {
    // Another worker may have frozen this date since the look above: its items are then in the
    // history as sent, so none is left for the date. Its record is the edition, not an empty one.
    const raced = await store.find(list.id, date);
    if (raced !== undefined) return ofRecord(raced, options);
  }
  if (!options.freeze || live.items.length === 0) {
    return {
      edition: withMarks(buildEdition(date, live.items, options.editionOptions), live.marks),
      frozen: false,
      leftOut,
    };
  }
  const { edition } = await store.freeze(
    { listId: list.id, date, cadence: list.cadence?.every ?? 'day', now: options.now },
    compose,
  );
  return { edition: editionOfRecord(edition, options.editionOptions), frozen: true, leftOut };
}

function ofRecord(stored: StoredEdition, options: ResolveOptions): ResolvedEdition {
  return { edition: editionOfRecord(stored, options.editionOptions), frozen: true, leftOut: [] };
}

/** A stored record as an Edition: its items in sections of the configured categories. */
export function editionOfRecord(stored: StoredEdition, editionOptions: EditionOptions): Edition {
  return {
    ...withMarks(buildEdition(stored.date, stored.items, editionOptions), stored.marks),
    listId: stored.listId,
    number: stored.number,
    frozenAt: new Date(stored.frozenAt).toISOString(),
  };
}

function withMarks(edition: Edition, marks: Edition['marks']): Edition {
  return marks !== undefined && Object.keys(marks).length > 0 ? { ...edition, marks } : edition;
}
