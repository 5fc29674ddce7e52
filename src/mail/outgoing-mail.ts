import type { MimeBody } from './mime-body.ts';

/** One message ready for the wire. Every value that becomes a header is checked for CR/LF. */
export interface OutgoingMail {
  /** `"Name" <addr>` or a bare address. */
  from: { name?: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Deterministic Message-ID, `<…@domain>`; lets a resumed send be recognised. */
  messageId?: string;
  /** RFC 2919 List-Id value, e.g. `Daily Briefing <daily.gazette.example>`. */
  listId?: string;
  /** RFC 2369/8058: one List-Unsubscribe header with the https URL (and a mailto) + one-click POST. */
  listUnsubscribe?: { url: string; mailto?: string };
  /** Envelope sender (VERP); defaults to the From address. */
  envelopeFrom?: string;
  /** Extra headers (e.g. Feedback-ID). */
  headers?: Record<string, string>;
  /**
   * `text` and `html` already encoded as the MIME body (the send's segment template): the mailer
   * writes this message's headers above it and sends the bytes as they are, composing nothing.
   */
  mime?: MimeBody;
}

/** What the transport reports for one accepted message. */
export interface SentInfo {
  messageId: string;
  /** The server's reply text, or the .eml path for the outbox. */
  response: string;
}
