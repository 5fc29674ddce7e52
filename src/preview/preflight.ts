import type { Item } from '../content/item.ts';
import type { Locale } from '../locale.ts';
import { encodedHtmlBytes } from '../render/encoded-html-bytes.ts';
import { checkClientSupport } from './check-client-support.ts';
import { checkItems } from './check-items.ts';
import type { Finding } from './preview-views.ts';
import { scanHtml } from './scan-html.ts';

/** Gmail hides everything past about 102 KB of HTML behind "View entire message". */
export const GMAIL_CLIP_BYTES = 102_000;

export interface PreflightInput {
  /** The items this variant carries (the list's part of the edition). */
  items: readonly Item[];
  locale: Locale;
  /** The HTML as sent (per-recipient values filled in). */
  html: string;
  budgetBytes: number;
  compactedItemIds?: readonly string[];
}

/** Every check an editor wants before 7 a.m., worst first. */
export function preflight(input: PreflightInput): Finding[] {
  const findings = [
    ...checkSize(
      Buffer.byteLength(input.html),
      input.budgetBytes,
      input.compactedItemIds?.length ?? 0,
      input.html,
    ),
    ...checkItems(input.items, input.locale),
    ...scanHtml(input.html),
    ...checkClientSupport(input.html),
  ];
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function checkSize(bytes: number, budget: number, compacted: number, html: string): Finding[] {
  const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
  const encoded = encodedHtmlBytes(html);
  // Gmail clips by the decoded size (what the budget holds to); the encoded one is what travels.
  const findings: Finding[] = [
    {
      check: 'size',
      severity: 'info',
      message: `${kb(bytes)} of HTML (Gmail clips at ${kb(GMAIL_CLIP_BYTES)}); ${kb(encoded.bytes)} as sent (${encoded.encoding})`,
    },
  ];
  if (bytes > GMAIL_CLIP_BYTES) {
    findings.push({
      check: 'size',
      severity: 'error',
      message: `${kb(bytes)} of HTML: Gmail clips it at ${kb(GMAIL_CLIP_BYTES)}, hiding the footer and the unsubscribe link`,
    });
  } else if (bytes > budget) {
    findings.push({
      check: 'size',
      severity: 'warning',
      message: `${kb(bytes)} of HTML is over the budget of ${kb(budget)}`,
    });
  }
  if (compacted > 0) {
    findings.push({
      check: 'size',
      severity: 'info',
      message: `${compacted} item(s) compacted to a headline and a link to the web edition to stay within the budget`,
    });
  }
  return findings;
}
