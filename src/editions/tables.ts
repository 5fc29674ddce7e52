import type { Generated } from 'kysely';

/**
 * One row per sent edition of a list: the record every recipient, worker, resume and the web
 * archive read, never the content folder. Times are epoch milliseconds (bigint on PostgreSQL,
 * read back as string there: pass through Number()).
 */
export interface EditionRow {
  id: Generated<number>;
  list_id: string;
  /** The edition's date, `YYYY-MM-DD` in the newsletter's time zone (the ledger's `edition`). */
  date: string;
  /** No. 1, 2, 3 … per list, in the order editions were frozen. */
  number: number;
  /** `day` or `week`: the cadence the list had when the edition was frozen. */
  cadence: string;
  frozen_at: number | string;
  /** JSON: `{ items: Item[], marks: Record<id, ItemMark> }`, the validated items themselves. */
  snapshot: string;
}

/** Which items an edition carried, and in which version: membership and corrections. */
export interface EditionItemRow {
  edition_id: number;
  list_id: string;
  item_id: string;
  /** sha256 of the item without its file name: a changed text is a new version. */
  fingerprint: string;
  /** The file it came from when frozen (the item may move or be deleted later). */
  file: string;
}

/** Tables owned by the editions store. */
export interface EditionTables {
  editions: EditionRow;
  edition_items: EditionItemRow;
}
