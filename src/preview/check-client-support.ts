import { doIUseEmail } from '@jsx-email/doiuse-email';
import type { Finding } from './preview-views.ts';

/** The clients the editors care about (caniemail families). */
export const CHECKED_CLIENTS = ['gmail.*', 'outlook.*', 'apple-mail.*'];

const UNSUPPORTED = /^`(.+)` is not supported by `(.+)`$/;
const PARTIAL = /^`(.+)` is only partially supported by `(.+)`$/;

/**
 * caniemail findings for Gmail, Outlook and Apple Mail, one line per feature naming the
 * clients (doiuse-email reports one line per feature, client and occurrence). Unsupported
 * features are warnings: MJML output relies on some on purpose (media queries with Outlook
 * fallbacks), so they ask for a look rather than block.
 */
export function checkClientSupport(html: string): Finding[] {
  const result = doIUseEmail(html, { emailClients: CHECKED_CLIENTS });
  const errors = result.success ? [] : result.errors;
  return [
    ...grouped(errors, UNSUPPORTED, 'warning', 'not supported by'),
    ...grouped(result.warnings, PARTIAL, 'info', 'only partly supported by'),
  ];
}

function grouped(lines: string[], pattern: RegExp, severity: Finding['severity'], verb: string): Finding[] {
  const byFeature = new Map<string, Set<string>>();
  for (const line of lines) {
    const match = pattern.exec(line);
    const feature = match?.[1] ?? line;
    const clients = byFeature.get(feature) ?? new Set<string>();
    if (match?.[2] !== undefined) clients.add(match[2]);
    byFeature.set(feature, clients);
  }
  return [...byFeature].map(([feature, clients]) => ({
    check: 'client' as const,
    severity,
    message: clients.size === 0 ? feature : `${feature} ${verb} ${[...clients].sort().join(', ')}`,
  }));
}
