import { GazetteError } from '../errors.ts';

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

/** `imaps://user:pass@host[:port]/MAILBOX`; user and password percent-encoded; INBOX by default. */
export function parseImapUrl(url: string): ImapTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('is not a URL');
  }
  if (parsed.protocol !== 'imaps:' && parsed.protocol !== 'imap:')
    throw invalid('must start with imaps:// (or imap://)');
  if (parsed.hostname === '' || parsed.username === '') throw invalid('needs a user and a host');
  const secure = parsed.protocol === 'imaps:';
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? (secure ? 993 : 143) : Number(parsed.port),
    secure,
    user: decodeURIComponent(parsed.username),
    pass: decodeURIComponent(parsed.password),
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

function invalid(reason: string): GazetteError {
  return new GazetteError(
    'INBOUND_CONFIG',
    `The IMAP URL ${reason}: use imaps://user:password@imap.example.com/INBOX (percent-encode @ and : in the password).`,
    { field: 'inbound.imap' },
  );
}
