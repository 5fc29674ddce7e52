import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Language } from '../locale.ts';
import { colors, fonts } from '../../emails/components/theme.ts';

export interface ShellLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
}

export interface ArchivePageShellProps {
  /** `<html lang>`; every block of the other language carries its own. */
  lang: Language;
  title: string;
  /** `<link>`s in the head: rel=prev/next, the feed. */
  headLinks?: ShellLink[];
  /** Masthead: the newsletter's name per language, linking to the archive. */
  name: Record<Language, string>;
  homeHref: string;
  /** The web app's subscribe page, beside the name. */
  subscribeHref: string;
  children: ReactNode;
  footer?: ReactNode;
}

/** A whole archive page as HTML: doctype, responsive head, masthead, main, footer. */
export function renderArchivePage(props: ArchivePageShellProps): string {
  return `<!doctype html>${renderToStaticMarkup(<ArchivePageShell {...props} />)}`;
}

function ArchivePageShell({
  lang,
  title,
  headLinks = [],
  name,
  homeHref,
  subscribeHref,
  children,
  footer,
}: ArchivePageShellProps) {
  return (
    <html lang={lang} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title}</title>
        {headLinks.map((link) => (
          <link
            key={`${link.rel} ${link.href}`}
            rel={link.rel}
            href={link.href}
            type={link.type}
            title={link.title}
          />
        ))}
        {/* A constant, no content in it: set raw so selectors like a>b are not escaped. */}
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <header className="masthead">
          <a href={homeHref} className="name">
            <span lang="ko">{name.ko}</span> <span aria-hidden="true">·</span>{' '}
            <span lang="en">{name.en}</span>
          </a>
          {/* Served pages link to the server's form; the static export to GAZETTE_PUBLIC_URL's. */}{' '}
          <a href={subscribeHref} className="subscribe">
            <span lang="ko">구독하기</span> <span aria-hidden="true">·</span> <span lang="en">Subscribe</span>
          </a>
        </header>
        <main>{children}</main>
        {footer === undefined ? null : <footer>{footer}</footer>}
      </body>
    </html>
  );
}

// Pages are self-contained: no external stylesheet, font or script. Colours are the emails'
// (WCAG AA in light and dark).
const CSS = `
:root{color-scheme:light dark;--page:${colors.page};--card:${colors.card};--text:${colors.text};--muted:${colors.muted};--link:${colors.link};--accent:${colors.accent};--rule:${colors.rule}}
@media (prefers-color-scheme:dark){:root{--page:${colors.dark.page};--card:${colors.dark.card};--text:${colors.dark.text};--muted:${colors.dark.muted};--link:${colors.dark.link};--accent:${colors.dark.accent};--rule:#3a3a3c}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--page);color:var(--text);font:16px/1.6 ${fonts.latin};overflow-wrap:anywhere}
[lang=ko]{font-family:${fonts.korean};word-break:keep-all}
a{color:var(--link)}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.masthead,main,footer{max-width:44rem;margin:0 auto;padding:16px}
.masthead{border-bottom:1px solid var(--rule)}
.masthead .name{font-size:1.25rem;font-weight:700;text-decoration:none;color:var(--text)}
main{background:var(--card)}
h1{font-size:1.6rem;line-height:1.3;margin:.25rem 0 .5rem}
h2{font-size:1.15rem;line-height:1.4;margin:0 0 .25rem}
.muted{color:var(--muted)}
.editions{list-style:none;margin:0;padding:0}
.editions>li{border-top:1px solid var(--rule);padding:16px 0}
.editions p{margin:.15rem 0}
.read{display:flex;flex-wrap:wrap;gap:4px 16px;margin-top:.4rem!important}
.pages{display:flex;flex-wrap:wrap;gap:8px 24px;justify-content:space-between;border-top:1px solid var(--rule);padding-top:16px;margin-top:8px}
footer{font-size:.9rem;color:var(--muted)}
`;
