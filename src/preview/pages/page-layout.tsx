import type { ReactNode } from 'react';

export interface PageLayoutProps {
  title: string;
  /** The change counter the page was rendered at; the live-reload script compares it. */
  generation: number;
  children: ReactNode;
}

/** The preview's own page frame: local stylesheet and script only, nothing external. */
export function PageLayout({ title, generation, children }: PageLayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Gazette preview`}</title>
        <link rel="stylesheet" href="/assets/preview.css" />
        <script src="/assets/preview.js" defer />
      </head>
      <body data-generation={generation}>
        <header className="top">
          <a href="/" className="brand">
            Gazette preview
          </a>
          <span id="live" className="live" role="status">
            connecting…
          </span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
