import type { LeftOutItem } from '../edition/select-edition-items.ts';

/**
 * One line per item that no edition of the list carries: the editor must hear of it.
 * "daily: 003_a.md (id x, 2026-02-10): published before the late window; not sent"
 */
export function formatLeftOut(listId: string, leftOut: readonly LeftOutItem[]): string[] {
  return leftOut.map(({ item, date, reason, number }) => {
    const what = `${listId}: ${item.file} (id ${item.id}, ${date})`;
    switch (reason) {
      case 'too-old':
        return `${what}: published before the late window (lateWindowDays) and in no edition; not sent. Republish it with a newer date_published to send it.`;
      case 'over-cap':
        return `${what}: over the list's maxItems; it waits for the next edition.`;
      case 'changed-after-sent':
        return `${what}: changed after it was sent in ${listId} No. ${number ?? '?'}; not sent again. Add correction: true to send the new text once more, marked as a correction.`;
    }
  });
}
