import type { Config } from '../config/config.ts';
import { renderArchivePage } from './archive-page-shell.tsx';
import { archiveText } from './archive-text.ts';
import type { ArchiveUrls } from './archive-urls.ts';

/** The archive's 404 page, in Korean and English: what went wrong and the way back. */
export function renderNotFoundPage(config: Pick<Config, 'name'>, urls: ArchiveUrls): string {
  return renderArchivePage({
    lang: 'ko',
    title: `${archiveText.ko.notFoundTitle} · ${archiveText.en.notFoundTitle} — ${config.name.ko} · ${config.name.en}`,
    name: config.name,
    homeHref: urls.index(1),
    subscribeHref: urls.subscribe(),
    children: (
      <>
        <h1>
          {archiveText.ko.notFoundTitle} <span aria-hidden="true">·</span>{' '}
          <span lang="en">{archiveText.en.notFoundTitle}</span>
        </h1>
        <p>{archiveText.ko.notFound}</p>
        <p lang="en">{archiveText.en.notFound}</p>
        <p>
          <a href={urls.index(1)}>
            {archiveText.ko.backToArchive} · <span lang="en">{archiveText.en.backToArchive}</span>
          </a>
        </p>
      </>
    ),
  });
}
