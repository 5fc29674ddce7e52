import { isIP } from 'node:net';
import { GazetteError } from '../errors.ts';
import type { Config } from './config.ts';
import { DEFAULT_PUBLIC_URL } from './config.ts';

/**
 * Before mail leaves over SMTP: every unsubscribe link is GAZETTE_PUBLIC_URL + a token, and
 * RFC 8058 one-click needs an https URI that readers can reach. The default (localhost) is fine
 * for the outbox and --dry-run, never for real mail. Does nothing when SMTP_URL is unset.
 */
export function assertPublicUrlForMail(config: Pick<Config, 'smtpUrl' | 'publicUrl'>): void {
  if (!config.smtpUrl) return;
  const problem = publicUrlProblem(config.publicUrl);
  if (problem === undefined) return;
  throw new GazetteError(
    'CONFIG_INVALID',
    `GAZETTE_PUBLIC_URL ${problem}, and SMTP_URL is set: every unsubscribe link in real mail would point there ` +
      '(RFC 8058 one-click unsubscribe needs an https address your readers can reach). ' +
      'Set GAZETTE_PUBLIC_URL to the public https address of the web app, for example https://news.example.com, ' +
      'or leave SMTP_URL unset (or pass --dry-run) to try things out.',
    { field: 'GAZETTE_PUBLIC_URL' },
  );
}

function publicUrlProblem(publicUrl: string): string | undefined {
  if (publicUrl === DEFAULT_PUBLIC_URL) return `is unset (the default is ${DEFAULT_PUBLIC_URL})`;
  const url = new URL(publicUrl);
  if (isLocalHost(url.hostname)) return `is ${publicUrl}, an address on this machine`;
  if (url.protocol !== 'https:') return `is ${publicUrl}, not https`;
  return undefined;
}

/** `localhost` (and *.localhost, RFC 6761 §6.3), loopback 127/8 and ::1, and the unspecified address. */
function isLocalHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.') || host === '0.0.0.0';
  if (isIP(host) === 6) {
    // WHATWG URL writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
    return host === '::1' || host === '::' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host);
  }
  return false;
}
