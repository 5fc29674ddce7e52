import { bounceSeverity, findStatusCode, statusFromWords } from './bounce-severity.ts';
import type { Finding } from './finding.ts';
import type { ParsedInbound } from './parse-inbound.ts';

export interface PlainBounceContext {
  /** The envelope sender: '' for the null sender `<>` that bounces use (RFC 5321 §4.5.5). */
  mailFrom?: string;
  /** Addresses that are ours (the sender, the VERP and inbound domains): never the bounced one. */
  isOurs(address: string): boolean;
}

/**
 * Bounces that are not DSNs: the plain-text reports of Exim, Gmail, Naver, Daum/Kakao and older
 * servers. It must look like a bounce (null sender or a mailer-daemon From, and a failure
 * subject, or X-Failed-Recipients) and name a status, in a code or in words; else undefined.
 */
export function readPlainBounce(mail: ParsedInbound, context: PlainBounceContext): Finding[] | undefined {
  const failed = mail.header('x-failed-recipients');
  const fromDaemon = context.mailFrom === '' || DAEMON.test(mail.from ?? '');
  const delayed = DELAY_SUBJECT.test(mail.subject);
  if (failed === undefined && !(fromDaemon && (FAILURE_SUBJECT.test(mail.subject) || delayed)))
    return undefined;
  const report = beforeQuotedOriginal(mail.text);
  const status = findStatusCode(report) ?? statusFromWords(report);
  if (status === undefined) return undefined;
  const recipient = (
    failed?.split(',')[0]?.trim() ?? firstForeignAddress(report, context, mail.from)
  )?.toLowerCase();
  const severity = delayed ? 'delayed' : bounceSeverity(status);
  return [
    {
      kind: severity === 'hard' ? 'hard-bounce' : severity === 'soft' ? 'soft-bounce' : 'delayed',
      recipient,
      status,
      diagnostic: diagnosticLine(report, status),
    },
  ];
}

const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce|bounces)@/i;
const FAILURE_SUBJECT =
  /undeliver|delivery status notification \((failure|delay)|delivery (has )?fail|mail delivery failed|returned mail|failure notice|non-?delivery|delivery problem|could not be delivered|발송 ?실패|전송 ?실패|배달 ?실패|반송|수신 ?실패/i;
const DELAY_SUBJECT =
  /delayed mail|delivery delayed|delivery status notification \(delay\)|발송 지연|전송 지연/i;
const ADDRESS = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Exim and others quote the original message after a marker; its headers name us, not the bounce. */
function beforeQuotedOriginal(text: string): string {
  const marker = /^-{3,}\s*(this is a copy of|original message|.*원본 메일)/im.exec(text);
  return marker === null ? text : text.slice(0, marker.index);
}

function firstForeignAddress(text: string, context: PlainBounceContext, from?: string): string | undefined {
  for (const match of text.matchAll(ADDRESS)) {
    const address = match[0].toLowerCase();
    if (address !== from && !context.isOurs(address) && !DAEMON.test(address)) return address;
  }
  return undefined;
}

function diagnosticLine(text: string, status: string): string | undefined {
  const line = text.split(/\r?\n/).find((l) => l.includes(status));
  return line?.trim().slice(0, 500);
}
