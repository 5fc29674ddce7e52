import type { ReactNode } from 'react';
import type { Config } from '../../config/config.ts';
import { Bi } from './bi.tsx';
import type { BiText } from './bi.tsx';
import { pageText } from './page-text.ts';

export interface LayoutProps {
  config: Pick<Config, 'name' | 'postalAddress'>;
  title: BiText;
  children: ReactNode;
}

/** The page frame: Korean first (the house language), English alongside; no scripts, one stylesheet. */
export function Layout({ config, title, children }: LayoutProps) {
  return (
    <html lang="ko" dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title.ko} · ${title.en} — ${config.name.ko}`}</title>
        <link rel="stylesheet" href="/assets/gazette.css" />
      </head>
      <body>
        <a className="skip" href="#main">
          <Bi text={pageText.skip} />
        </a>
        <header>
          <p className="brand">
            <Bi text={config.name} />
          </p>
        </header>
        <main id="main" tabIndex={-1}>
          <h1>
            <Bi text={title} />
          </h1>
          {children}
        </main>
        <footer>
          <p>{config.postalAddress}</p>
        </footer>
      </body>
    </html>
  );
}
