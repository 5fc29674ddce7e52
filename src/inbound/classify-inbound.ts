import { detectAutoReply } from './detect-auto-reply.ts';
import type { Classification, Finding } from './finding.ts';
import { findOriginalMessageIds } from './find-original-message-ids.ts';
import type { ParsedInbound } from './parse-inbound.ts';
import { readArf } from './read-arf.ts';
import { readDsn } from './read-dsn.ts';
import { readPlainBounce } from './read-plain-bounce.ts';
import type { PlainBounceContext } from './read-plain-bounce.ts';
import { readRequest } from './read-request.ts';
import type { RequestContext } from './read-request.ts';

/** What the recognisers know besides the message: the envelope and the config's names. */
export type RecogniserContext = PlainBounceContext & RequestContext;

/** One way of understanding a message; the first that answers wins. */
type Recogniser = (
  mail: ParsedInbound,
  context: RecogniserContext,
) => Omit<Classification, 'originalMessageIds'> | undefined;

/**
 * Complaints first (an ARF report also looks like mail from a robot), then DSNs, plain-text
 * bounces, requests by mail (issue 14: subscribe@, unsubscribe+TOKEN@), auto-replies. Anything
 * else is `unrecognised`: kept, listed, not guessed.
 */
const RECOGNISERS: Recogniser[] = [
  (mail) => withFindings('complaint', readArf(mail)),
  (mail) => withFindings('bounce', readDsn(mail)),
  (mail, context) => withFindings('bounce', readPlainBounce(mail, context)),
  (mail, context) => {
    const request = readRequest(mail, context);
    return request === undefined ? undefined : { kind: 'request', findings: [], request };
  },
  (mail) =>
    detectAutoReply(mail)
      ? { kind: 'auto-reply', findings: [{ kind: 'auto-reply', recipient: mail.from }] }
      : undefined,
];

export function classifyInbound(mail: ParsedInbound, context: RecogniserContext): Classification {
  const originalMessageIds = findOriginalMessageIds(mail);
  if (mail.error !== undefined) {
    return { kind: 'unrecognised', findings: [], originalMessageIds, note: `unreadable MIME: ${mail.error}` };
  }
  for (const recognise of RECOGNISERS) {
    const result = recognise(mail, context);
    if (result !== undefined) return { ...result, originalMessageIds };
  }
  return {
    kind: 'unrecognised',
    findings: [],
    originalMessageIds,
    note: 'no delivery-status or feedback report, no bounce wording with a status, not an auto-reply',
  };
}

function withFindings(
  kind: 'bounce' | 'complaint',
  findings: Finding[] | undefined,
): Omit<Classification, 'originalMessageIds'> | undefined {
  if (findings === undefined) return undefined;
  if (kind === 'bounce' && findings.every((f) => f.kind === 'delayed')) return { kind: 'delay', findings };
  return { kind, findings };
}
