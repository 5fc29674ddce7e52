import { renderToStaticMarkup } from 'react-dom/server';
import type { Config } from '../config/config.ts';
import type { Edition } from '../edition/edition.ts';
import { GazetteError } from '../errors.ts';
import { LOCALES } from '../locale.ts';
import { renderDigest } from '../render/render-digest.ts';
import { colors, fonts } from '../../emails/components/theme.ts';
import { archiveText } from './archive-text.ts';
import { archiveList } from './archive-list.ts';
import { ARCHIVE_LANGS } from './archive-urls.ts';
import type { ArchiveLang, ArchiveUrls } from './archive-urls.ts';

/**
 * The web edition of a day: the digest template's web mode (the same view as the email, every
 * item in full, no per-recipient links), inside a page frame with the way back to the archive
 * and the language switch. The frame only adds landmarks (`nav`, `main`) around the digest.
 */
export async function renderEditionPage(
  edition: Edition,
  lang: ArchiveLang,
  config: Config,
  urls: ArchiveUrls,
): Promise<string> {
  // A sent edition is its list's; a live one is shown under the first list's name.
  const first = config.lists.find((list) => list.id === edition.listId) ?? config.lists[0];
  if (first === undefined) {
    throw new GazetteError(
      'CONFIG_INVALID',
      'The web archive needs at least one list in the config (lists).',
    );
  }
  // Every item of the edition (no category filter again) in every language.
  const list = { ...first, categories: [], locales: [...LOCALES] };
  const rendered = await renderDigest(edition, {
    config,
    list,
    locale: lang === 'both' ? 'bilingual' : lang,
    mode: 'web',
  });
  const at: EditionAt = { date: edition.date, list: archiveList(edition.listId, config.lists) };
  return frame(rendered.html, at, lang, urls);
}

/** Which web edition a page is: its date, and its list when that is not the first. */
interface EditionAt {
  date: string;
  list: string | undefined;
}

function frame(html: string, at: EditionAt, current: ArchiveLang, urls: ArchiveUrls): string {
  const { date, list } = at;
  const body = /<body\b[^>]*>/i.exec(html);
  const end = html.lastIndexOf('</body>');
  const head = html.indexOf('</head>');
  if (body === null || end < 0 || head < 0 || head > body.index) {
    throw new GazetteError('RENDER_FAILED', `The web edition of ${date} has no <head> and <body> to frame.`);
  }
  const open = body.index + body[0].length;
  const headExtra = renderToStaticMarkup(
    <>
      {ARCHIVE_LANGS.filter((lang) => lang !== current).map((lang) => (
        <link
          key={lang}
          rel="alternate"
          hrefLang={lang === 'both' ? 'x-default' : lang}
          href={urls.edition(date, lang, list)}
        />
      ))}
      <link rel="alternate" type="application/atom+xml" href={urls.feed()} />
    </>,
  );
  return [
    html.slice(0, head),
    headExtra,
    `<style>${CSS}</style>`,
    html.slice(head, open),
    renderToStaticMarkup(<EditionNav at={at} current={current} urls={urls} />),
    '<main id="edition">',
    html.slice(open, end),
    '</main>',
    html.slice(end),
  ].join('');
}

function EditionNav({ at, current, urls }: { at: EditionAt; current: ArchiveLang; urls: ArchiveUrls }) {
  return (
    <nav
      className="gz-nav"
      lang="ko"
      dir="ltr"
      aria-label={`${archiveText.ko.languages} · ${archiveText.en.languages}`}
    >
      <a href={urls.index(1)}>
        ← {archiveText.ko.archive} · <span lang="en">{archiveText.en.archive}</span>
      </a>
      <a href={urls.subscribe()} className="gz-subscribe">
        구독하기 · <span lang="en">Subscribe</span>
      </a>
      <span className="gz-langs">
        {ARCHIVE_LANGS.map((lang) => (
          <a
            key={lang}
            href={urls.edition(at.date, lang, at.list)}
            hrefLang={lang === 'both' ? undefined : lang}
            aria-current={lang === current ? 'page' : undefined}
          >
            {lang === 'en' ? (
              <span lang="en">English</span>
            ) : lang === 'ko' ? (
              '한국어'
            ) : (
              <>
                한국어 + <span lang="en">English</span>
              </>
            )}
          </a>
        ))}
      </span>
    </nav>
  );
}

// The frame's own look: a bar above the 600 px digest that wraps on phones.
const CSS = [
  `.gz-nav{max-width:600px;margin:0 auto;padding:12px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;justify-content:space-between;font:15px/1.5 ${fonts.latin};word-break:keep-all}`,
  `.gz-nav a{color:${colors.link}}`,
  `.gz-nav a[aria-current=page]{color:${colors.text};font-weight:700;text-decoration:none}`,
  '.gz-langs{display:flex;flex-wrap:wrap;gap:4px 12px}',
  `@media (prefers-color-scheme:dark){.gz-nav a{color:${colors.dark.link}}.gz-nav a[aria-current=page]{color:${colors.dark.text}}}`,
].join('');
