import { staticPaths } from './static-urls.ts';

/**
 * The static stand-in for `/archive/DATE?lang=…` (the link every email carries): any static
 * host serves it as the folder's index.html. A script picks the language file and keeps the
 * `#item-…` anchor; without scripts, meta refresh and a link lead to the bilingual page.
 * Targets are root-relative to the public URL's path, so they hold with or without the slash.
 */
export function renderRedirectPage(date: string, publicUrl: string): string {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  const both = `${base}/${staticPaths.edition(date, 'both')}`;
  const dir = `${base}/${date}/web/`;
  // `date` is YYYY-MM-DD and the base a URL path: JSON.stringify makes both safe inside the script.
  const script =
    `var l=new URLSearchParams(location.search).get('lang');` +
    `location.replace(${JSON.stringify(dir)}+(l==='ko'||l==='en'?l:'index')+'.html'+location.hash);`;
  return [
    '<!doctype html>',
    '<html lang="ko" dir="ltr"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${date}</title>`,
    `<script>${script.replace(/</g, '\\u003c')}</script>`,
    `<meta http-equiv="refresh" content="0; url=${escapeAttribute(both)}">`,
    `</head><body><p><a href="${escapeAttribute(both)}">${date} 웹에서 보기 · <span lang="en">Read on the web</span></a></p></body></html>`,
    '',
  ].join('\n');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
