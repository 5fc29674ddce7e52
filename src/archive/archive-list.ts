import type { ListConfig } from '../config/config-schema.ts';

/**
 * The list an archive URL must name for an edition: its list when that is a configured list
 * other than the first (whose edition `/archive/DATE` shows by default), else undefined. The
 * same rule as the emails' links (`links.archive`).
 */
export function archiveList(
  listId: string | undefined,
  lists: readonly Pick<ListConfig, 'id'>[],
): string | undefined {
  if (listId === undefined || lists[0]?.id === listId) return undefined;
  return lists.some((list) => list.id === listId) ? listId : undefined;
}
