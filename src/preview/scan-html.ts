import { Parser } from 'htmlparser2';
import type { Finding } from './preview-views.ts';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/gu;
const LETTER = /\p{L}/gu;
const SKIPPED = new Set(['head', 'style', 'script', 'title']);
const MAX_LISTED = 8;

interface Open {
  name: string;
  lang?: string;
  hidden: boolean;
}

/**
 * One pass over the HTML a reader gets: links that are not https (or not URLs at all), text
 * that no language block claims (Gmail drops `<html lang>`, so each block needs its own), and
 * Korean text inside a `lang="en"` block.
 */
export function scanHtml(html: string): Finding[] {
  const stack: Open[] = [];
  const badLinks = new Map<string, Finding>();
  const unclaimed: string[] = [];
  const mismatched: string[] = [];
  let htmlLang: string | undefined;
  let sawHtml = false;
  const closest = (): Open | undefined => stack[stack.length - 1];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const parent = closest();
        if (name === 'html') {
          sawHtml = true;
          htmlLang = attributes.lang;
        }
        const style = (attributes.style ?? '').replace(/\s+/g, '').toLowerCase();
        stack.push({
          name,
          lang: name === 'html' ? undefined : (attributes.lang ?? parent?.lang),
          hidden: (parent?.hidden ?? false) || SKIPPED.has(name) || style.includes('display:none'),
        });
        if (name === 'a' && attributes.href !== undefined) checkLink(attributes.href, 'link', badLinks);
        if (name === 'img' && attributes.src !== undefined) checkLink(attributes.src, 'image', badLinks);
      },
      onclosetag() {
        stack.pop();
      },
      ontext(text) {
        const open = closest();
        if (open === undefined || open.hidden) return;
        const letters = text.match(LETTER)?.length ?? 0;
        if (letters === 0) return;
        const sample = text.trim().replace(/\s+/g, ' ').slice(0, 60);
        if (open.lang === undefined) {
          unclaimed.push(sample);
          return;
        }
        // A screen reader would read Hangul with an English voice. (Latin text in a Korean block is
        // normal: names, addresses, acronyms.)
        const hangul = text.match(HANGUL)?.length ?? 0;
        if (open.lang.startsWith('en') && hangul > letters / 2) {
          mismatched.push(`"${sample}" is Korean in a lang="${open.lang}" block`);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  const findings: Finding[] = [...badLinks.values()];
  if (!sawHtml || htmlLang === undefined || htmlLang.trim() === '') {
    findings.push({ check: 'lang', severity: 'error', message: '<html> has no lang attribute' });
  }
  if (unclaimed.length > 0) {
    findings.push({
      check: 'lang',
      severity: 'warning',
      message: `${unclaimed.length} text run(s) sit outside any lang block (Gmail drops <html lang>): ${listed(unclaimed)}`,
    });
  }
  if (mismatched.length > 0) {
    findings.push({
      check: 'lang',
      severity: 'warning',
      message: `lang does not match the text: ${listed(mismatched)}`,
    });
  }
  return findings;
}

function checkLink(value: string, kind: 'link' | 'image', found: Map<string, Finding>): void {
  const href = value.trim();
  if (found.has(href) || (kind === 'link' && href.startsWith('#'))) return;
  const report = (severity: Finding['severity'], why: string): void => {
    found.set(href, {
      check: 'link',
      severity,
      message: `${kind} ${JSON.stringify(href.slice(0, 120))} ${why}`,
    });
  };
  if (href.includes('__GZ_')) return report('error', 'still holds a per-recipient placeholder');
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return report('error', 'is not an absolute URL');
  }
  if (url.protocol === 'https:') {
    if (url.hostname === '' || !url.hostname.includes('.')) report('warning', 'has no public host name');
    return;
  }
  if (url.protocol === 'mailto:' && kind === 'link') {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(decodeURIComponent(url.pathname)))
      report('error', 'is not a valid mailto address');
    return;
  }
  if (url.protocol === 'http:') return report('warning', 'is not https');
  report('error', `uses ${url.protocol} (only https links belong in an email)`);
}

function listed(values: string[]): string {
  const shown = values.slice(0, MAX_LISTED).map((v) => (v.startsWith('"') ? v : `"${v}"`));
  return values.length > MAX_LISTED
    ? `${shown.join(', ')} and ${values.length - MAX_LISTED} more`
    : shown.join(', ');
}
