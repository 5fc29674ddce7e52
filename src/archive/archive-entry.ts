import type { Edition } from '../edition/edition.ts';
import type { Localized } from '../locale.ts';

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
  itemCount: number;
  /** In the edition's section order (configured categories first, "Other" last). */
  categories: ArchiveCategory[];
}

/** The counts the archive shows for one edition, read from its sections. */
export function archiveEntry(edition: Edition): ArchiveEntry {
  const categories = edition.sections.map((section) => ({
    id: section.id,
    label: section.label,
    count: section.items.length,
  }));
  return {
    date: edition.date,
    number: edition.number,
    itemCount: categories.reduce((sum, category) => sum + category.count, 0),
    categories,
  };
}
