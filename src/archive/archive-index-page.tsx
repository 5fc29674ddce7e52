import type { Config } from '../config/config.ts';
import type { Language } from '../locale.ts';
import { formatEditionDate } from '../render/format-edition-date.ts';
import { uiText } from '../../emails/components/ui-text.ts';
import type { ArchiveEntry } from './archive-entry.ts';
import { renderArchivePage } from './archive-page-shell.tsx';
import type { ShellLink } from './archive-page-shell.tsx';
import { archiveText } from './archive-text.ts';
import type { ArchiveLang, ArchiveUrls } from './archive-urls.ts';
import type { Page } from './paginate.ts';

/** GET /archive: one page of past editions, newest first, both languages on every row. */
export function renderArchiveIndex(
  page: Page<ArchiveEntry>,
  config: Pick<Config, 'name'>,
  urls: ArchiveUrls,
): string {
  const newer = page.page > 1 ? urls.index(page.page - 1) : undefined;
  const older = page.page < page.pageCount ? urls.index(page.page + 1) : undefined;
  const headLinks: ShellLink[] = [
    {
      rel: 'alternate',
      type: 'application/atom+xml',
      href: urls.feed(),
      title: `${config.name.ko} · ${config.name.en}`,
    },
  ];
  // rel=prev/next follow the page order: page 1 holds the newest editions.
  if (newer !== undefined) headLinks.push({ rel: 'prev', href: newer });
  if (older !== undefined) headLinks.push({ rel: 'next', href: older });
  const suffix = page.pageCount > 1 ? ` (${page.page}/${page.pageCount})` : '';
  return renderArchivePage({
    lang: 'ko',
    title: `${archiveText.ko.archive} · ${archiveText.en.archive} — ${config.name.ko} · ${config.name.en}${suffix}`,
    headLinks,
    name: config.name,
    homeHref: urls.index(1),
    subscribeHref: urls.subscribe(),
    children: (
      <>
        <h1>
          {archiveText.ko.archive} <span aria-hidden="true">·</span>{' '}
          <span lang="en">{archiveText.en.archive}</span>
        </h1>
        <p className="muted">
          {archiveText.ko.intro} <span lang="en">{archiveText.en.intro}</span>
        </p>
        {page.items.length === 0 ? (
          <p>
            {archiveText.ko.empty} <span lang="en">{archiveText.en.empty}</span>
          </p>
        ) : (
          <ol className="editions">
            {page.items.map((entry) => (
              <EditionRow key={`${entry.date} ${entry.list ?? ''}`} entry={entry} urls={urls} />
            ))}
          </ol>
        )}
        {page.pageCount > 1 ? (
          <nav className="pages" aria-label={`${archiveText.ko.pagination} · ${archiveText.en.pagination}`}>
            {newer === undefined ? (
              <span />
            ) : (
              <a rel="prev" href={newer}>
                ← {archiveText.ko.newer} · <span lang="en">{archiveText.en.newer}</span>
              </a>
            )}
            <span className="muted">
              {archiveText.ko.page(page.page, page.pageCount)} ·{' '}
              <span lang="en">{archiveText.en.page(page.page, page.pageCount)}</span>
            </span>
            {older === undefined ? (
              <span />
            ) : (
              <a rel="next" href={older}>
                {archiveText.ko.older} · <span lang="en">{archiveText.en.older}</span> →
              </a>
            )}
          </nav>
        ) : null}
      </>
    ),
    footer: (
      <p>
        <a href={urls.feed()} type="application/atom+xml">
          {archiveText.ko.feed} · <span lang="en">{archiveText.en.feed}</span>
        </a>
      </p>
    ),
  });
}

function EditionRow({ entry, urls }: { entry: ArchiveEntry; urls: ArchiveUrls }) {
  const counts = (lang: Language) =>
    `${uiText[lang].items(entry.itemCount)} — ${entry.categories
      .map((category) => `${category.label[lang] ?? category.id} ${category.count}`)
      .join(', ')}`;
  const read = (lang: ArchiveLang) => (
    <a href={urls.edition(entry.date, lang, entry.list)} hrefLang={lang === 'both' ? undefined : lang}>
      {archiveText.ko[lang]}
      <span lang="en"> · {archiveText.en[lang]}</span>
    </a>
  );
  return (
    <li>
      <h2>
        <a href={urls.edition(entry.date, 'both', entry.list)}>
          <time dateTime={entry.date}>
            {formatEditionDate(entry.date, 'ko')} <span aria-hidden="true">·</span>{' '}
            <span lang="en">{formatEditionDate(entry.date, 'en')}</span>
          </time>
          {entry.number === undefined ? null : (
            <>
              {' '}
              <span aria-hidden="true">·</span> <span lang="ko">제{entry.number}호</span>{' '}
              <span lang="en">No. {entry.number}</span>
            </>
          )}
          {entry.listName === undefined ? null : (
            <>
              {' '}
              <span aria-hidden="true">·</span> <span lang="ko">{entry.listName.ko}</span>{' '}
              <span lang="en">{entry.listName.en}</span>
            </>
          )}
        </a>
      </h2>
      <p lang="ko">{counts('ko')}</p>
      <p lang="en">{counts('en')}</p>
      <p className="read">
        {read('ko')}
        {read('en')}
        {read('both')}
      </p>
    </li>
  );
}
