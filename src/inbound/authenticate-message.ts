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
  let result: Awaited<ReturnType<typeof authenticate>>;
  try {
    result = await authenticateTo(raw, envelope, options);
  } catch (error) {
    // A message mailauth cannot read is simply not verified; the request is judged as such.
    return {
      aligned: false,
      results: `Authentication-Results: ${options.mta}; none (${(error as Error).message})`,
    };
  }
  return judge(result, envelope);
}

function authenticateTo(
  raw: Buffer,
  envelope: { ip?: string; mailFrom?: string; helo?: string },
  options: { mta: string; resolver?: DnsResolver },
) {
  return authenticate(raw, {
    ...(envelope.ip === undefined ? {} : { ip: envelope.ip, helo: envelope.helo ?? envelope.ip }),
    sender: envelope.mailFrom === '' ? undefined : envelope.mailFrom,
    mta: options.mta,
    resolver: options.resolver,
    disableArc: true,
    disableBimi: true,
  });
}

function judge(result: Awaited<ReturnType<typeof authenticate>>, envelope: { ip?: string }): Authentication {
  // RFC 7489 §6.6.1: a message with more or fewer than one From author cannot be judged by its
  // domain (the request would act on the first; a signature could cover another).
  const authors = result.dkim.headerFrom;
  const from = authors.length === 1 ? (authors[0] ?? '') : '';
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
    fromDomain !== '' &&
    ((result.dmarc !== false && result.dmarc.status.result === 'pass') || dkimAligned || spfChecked);
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
