import { authenticate } from 'mailauth';

/** How DNS is asked (mailauth's resolver: `dns.promises.resolve`'s shape); tests answer from records. */
export type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

export interface Authentication {
  /** DKIM or SPF passed for a domain aligned with the From domain (DMARC's test, RFC 7489 §3.1). */
  aligned: boolean;
  /** The Authentication-Results text (RFC 8601), kept with a consent given by mail. */
  results: string;
}

/**
 * DKIM, SPF and DMARC of a received message with mailauth. SPF needs the client's address, so
 * mail read over IMAP (no address) is judged by DKIM alone. A DNS failure is a temperror, never
 * a pass: an unverified message is treated as such.
 */
export async function authenticateMessage(
  raw: Buffer,
  envelope: { ip?: string; mailFrom?: string; helo?: string },
  options: { mta: string; resolver?: DnsResolver },
): Promise<Authentication> {
  const result = await authenticate(raw, {
    ...(envelope.ip === undefined ? {} : { ip: envelope.ip, helo: envelope.helo ?? envelope.ip }),
    sender: envelope.mailFrom === '' ? undefined : envelope.mailFrom,
    mta: options.mta,
    resolver: options.resolver,
    disableArc: true,
    disableBimi: true,
  });
  const from = result.dkim.headerFrom.at(-1) ?? '';
  const fromDomain = from.slice(from.lastIndexOf('@') + 1).toLowerCase();
  // DMARC's own verdict where the domain publishes a record; without one, the same test by
  // hand: a passing DKIM signature or SPF check for the From domain (or a parent or child of it).
  const dkimAligned = result.dkim.results.some(
    (signature) => signature.status.result === 'pass' && related(signature.signingDomain, fromDomain),
  );
  const spfAligned =
    result.spf !== false && result.spf.status.result === 'pass' && related(result.spf.domain, fromDomain);
  const spfChecked = envelope.ip !== undefined && spfAligned;
  const aligned =
    (result.dmarc !== false && result.dmarc.status.result === 'pass') || dkimAligned || spfChecked;
  const lines = result.headers
    .slice(Math.max(0, result.headers.indexOf('Authentication-Results:')))
    .split(/\r?\n/)
    .filter((line) => line !== '' && (envelope.ip !== undefined || !line.trim().startsWith('spf=')));
  return { aligned, results: lines.join('\r\n').slice(0, 4000) };
}

/** Relaxed alignment without a public-suffix list: the same domain, or one inside the other. */
function related(a: string | undefined, b: string): boolean {
  const x = (a ?? '').toLowerCase();
  if (x === '' || b === '') return false;
  return x === b || x.endsWith(`.${b}`) || b.endsWith(`.${x}`);
}
