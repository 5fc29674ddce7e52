import { format } from 'date-fns';
import type { Config } from '../config/config.ts';
import { instantOf } from '../content/published-date.ts';
import type { Edition } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';
import { formatEditionDate } from '../render/format-edition-date.ts';
import { uiText } from '../../emails/components/ui-text.ts';
import { archiveEntry } from './archive-entry.ts';
import { absoluteUrls } from './archive-urls.ts';
import { editionStart } from './edition-start.ts';

export type FeedConfig = Pick<Config, 'name' | 'from' | 'publicUrl' | 'lists'>;

/**
 * The Atom feed (RFC 4287) of past editions, newest first, one entry per edition. Ids are the
 * editions' permanent URLs; `published` is the start of the edition's day in its time zone and
 * `updated` the latest ingestion time of its items, so the feed changes only when content does.
 * `emptyUpdated` is the feed's `updated` when there is no edition yet.
 */
export function buildFeed(editions: readonly Edition[], config: FeedConfig, emptyUpdated: Date): string {
  const urls = absoluteUrls(config.publicUrl);
  const entries = editions.map((edition) => feedEntry(edition, config));
  const updated = entries.reduce(
    (latest, entry) => Math.max(latest, entry.updated),
    Number.NEGATIVE_INFINITY,
  );
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(urls.feed())}</id>`,
    `  <title>${xml(`${config.name.ko} · ${config.name.en}`)}</title>`,
    `  <updated>${rfc3339(Number.isFinite(updated) ? updated : emptyUpdated.getTime())}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(urls.feed())}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(urls.index(1))}"/>`,
    `  <author><name>${xml(config.from.name ?? config.name.en)}</name></author>`,
    '  <generator>Gazette</generator>',
    ...entries.map((entry) => entry.xml),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

function feedEntry(edition: Edition, config: FeedConfig): { updated: number; xml: string } {
  const urls = absoluteUrls(config.publicUrl);
  const entry = archiveEntry(edition, config);
  const list = entry.list === undefined ? '' : `?list=${encodeURIComponent(entry.list)}`;
  const listKo = entry.listName === undefined ? '' : ` ${entry.listName.ko}`;
  const listEn = entry.listName === undefined ? '' : ` ${entry.listName.en}`;
  const published = editionStart(edition.date, edition.timeZone);
  const ingested = editionItems(edition).map((item) =>
    item.dateIngested === undefined ? undefined : instantOf(item.dateIngested),
  );
  const updated = Math.max(published.getTime(), ...ingested.filter((t): t is number => t !== undefined));
  const counts = (lang: 'ko' | 'en') =>
    `${uiText[lang].items(entry.itemCount)}: ${entry.categories
      .map((category) => `${category.label[lang] ?? category.id} ${category.count}`)
      .join(', ')}`;
  const lines = [
    '  <entry>',
    // The bare edition URL: it serves both languages and stays the same whatever ?lang= means later.
    `    <id>${xml(`${config.publicUrl}/archive/${edition.date}${list}`)}</id>`,
    `    <title>${xml(`${config.name.ko}${listKo} ${formatEditionDate(edition.date, 'ko')} · ${config.name.en}${listEn}, ${formatEditionDate(edition.date, 'en')}`)}</title>`,
    `    <published>${format(published, "yyyy-MM-dd'T'HH:mm:ssXXX")}</published>`,
    `    <updated>${rfc3339(updated)}</updated>`,
    `    <link rel="alternate" type="text/html" href="${xml(urls.edition(edition.date, 'both', entry.list))}"/>`,
    `    <link rel="alternate" type="text/html" hreflang="ko" href="${xml(urls.edition(edition.date, 'ko', entry.list))}"/>`,
    `    <link rel="alternate" type="text/html" hreflang="en" href="${xml(urls.edition(edition.date, 'en', entry.list))}"/>`,
    ...entry.categories.map(
      (category) =>
        `    <category term="${xml(category.id)}" label="${xml(`${category.label.ko ?? category.id} · ${category.label.en ?? category.id}`)}"/>`,
    ),
    `    <summary type="text">${xml(`${counts('ko')}\n${counts('en')}`)}</summary>`,
    '  </entry>',
  ];
  return { updated, xml: lines.join('\n') };
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

// XML 1.0 §2.2 forbids most control characters even as references: drop them, escape the rest.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function xml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
