import type { MailRequest } from './mail-request.ts';
import type { InboundEventKind } from './tables.ts';

/** What a received message says about one recipient of ours. */
export interface Finding {
  kind: InboundEventKind;
  /** The address it is about, as the report names it (undefined when redacted or absent). */
  recipient?: string;
  /** RFC 3463 code (5.1.1) for bounces; the feedback type (abuse) for complaints. */
  status?: string;
  diagnostic?: string;
}

/**
 * What a message was understood as. `ignored`: a provider notice with nothing to do (a delivery).
 * `unrecognised` messages are kept and listed, never guessed.
 * `request`: subscribe / unsubscribe by mail (issue 14), applied by the pipeline's request step.
 */
export interface Classification {
  kind: 'bounce' | 'complaint' | 'request' | 'auto-reply' | 'delay' | 'ignored' | 'unrecognised';
  findings: Finding[];
  /** Set when `kind` is `request`. */
  request?: MailRequest;
  /** Message-IDs of ours found in the report (the original message, its headers, In-Reply-To). */
  originalMessageIds: string[];
  /** Why it was not understood. */
  note?: string;
}
