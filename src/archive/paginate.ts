/** One page of a list: its items and where it sits. */
export interface Page<T> {
  items: T[];
  /** 1-based. */
  page: number;
  /** At least 1: an empty archive still has its first page. */
  pageCount: number;
}

/** The archive's page size: a month of daily editions. */
export const ARCHIVE_PAGE_SIZE = 30;

/** Page `page` (1-based) of `items`; undefined when there is no such page (0, 3.5, past the end). */
export function paginate<T>(
  items: readonly T[],
  page: number,
  pageSize = ARCHIVE_PAGE_SIZE,
): Page<T> | undefined {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return undefined;
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, pageCount };
}

/** The `?page=` value: absent means 1; anything but a plain positive integer is no page at all. */
export function parsePageParam(value: string | undefined): number | undefined {
  if (value === undefined) return 1;
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : undefined;
}
