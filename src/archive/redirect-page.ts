import { staticPaths } from './static-urls.ts';

/**
 * The static stand-in for `/archive/DATE?lang=…&list=…` (the link every email carries): any
 * static host serves it as the folder's index.html. A script picks the list's folder (`list=`
 * one of `lists`, the date's exported lists; undefined is the first list's `DATE/web/`) and the
 * language file, and keeps the `#item-…` anchor; without scripts, meta refresh and a link lead
 * to the bilingual page of the date's first exported list. Targets are root-relative to the
 * public URL's path, so they hold with or without the slash.
 */
export function renderRedirectPage(
  date: string,
  lists: readonly (string | undefined)[],
  publicUrl: string,
): string {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  const both = `${base}/${staticPaths.edition(date, 'both', lists[0])}`;
  const dir = `${base}/${date}/web/`;
  const named = lists.filter((list): list is string => list !== undefined);
  // `date` is YYYY-MM-DD, list ids are slugs and the base a URL path: JSON.stringify makes them
  // safe inside the script. A list that was not exported for the date falls back to the first.
  const script =
    `var q=new URLSearchParams(location.search),l=q.get('lang'),k=q.get('list'),n=${JSON.stringify(named)};` +
    `var f=n.indexOf(k)>=0?k+'/':${JSON.stringify(lists[0] === undefined ? '' : `${lists[0]}/`)};` +
    `location.replace(${JSON.stringify(dir)}+f+(l==='ko'||l==='en'?l:'index')+'.html'+location.hash);`;
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
