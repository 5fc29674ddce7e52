import type { Config } from '../config/config.ts';
import type { Edition } from '../edition/edition.ts';
import type { Localized } from '../locale.ts';
import { archiveList } from './archive-list.ts';

/** One category of a past edition, with how many items it holds. */
export interface ArchiveCategory {
  id: string;
  label: Localized;
  count: number;
}

/** One past edition as the archive lists it. */
export interface ArchiveEntry {
  /** `YYYY-MM-DD` in the newsletter's time zone. */
  date: string;
  /** The list's edition number, for a sent edition. */
  number?: number;
  /** A list other than the first, as its URLs name it (`?list=`, `DATE/web/LIST/`). */
  list?: string;
  /** The edition's list, shown when the config has more than one. */
  listName?: { ko: string; en: string };
  itemCount: number;
  /** In the edition's section order (configured categories first, "Other" last). */
  categories: ArchiveCategory[];
}

/** The counts the archive shows for one edition, read from its sections. */
export function archiveEntry(edition: Edition, config: Pick<Config, 'lists'>): ArchiveEntry {
  const list =
    config.lists.length > 1 ? config.lists.find((candidate) => candidate.id === edition.listId) : undefined;
  const categories = edition.sections.map((section) => ({
    id: section.id,
    label: section.label,
    count: section.items.length,
  }));
  return {
    date: edition.date,
    number: edition.number,
    list: archiveList(edition.listId, config.lists),
    listName: list?.name,
    itemCount: categories.reduce((sum, category) => sum + category.count, 0),
    categories,
  };
}
