import type { ArchiveSource } from '../archive/archive-source.ts';
import type { Config } from '../config/config.ts';
import { formatEditionDate } from '../render/format-edition-date.ts';
import { links } from '../render/links.ts';
import type { LatestEdition } from '../web/web-deps.ts';

/** The home page's newest sent editions (at most `count`), linking to their web editions. */
export async function latestEditions(
  archive: ArchiveSource,
  config: Pick<Config, 'lists' | 'publicUrl'>,
  count = 5,
): Promise<LatestEdition[]> {
  const { editions } = await archive.snapshot();
  const base = new URL(config.publicUrl).pathname.replace(/\/+$/, '');
  return editions.slice(0, count).map((edition) => {
    const list = config.lists.find((candidate) => candidate.id === edition.listId) ?? config.lists[0];
    const first = list === config.lists[0];
    const url = links.archive(base, edition.date, 'bilingual', first ? undefined : edition.listId);
    return {
      listId: edition.listId ?? list?.id ?? '',
      number: edition.number,
      date: edition.date,
      title: `${list?.name.ko ?? ''} · ${list?.name.en ?? ''} — ${formatEditionDate(edition.date, 'en')}`,
      url,
    };
  });
}
