import type { OutgoingMail, SentInfo } from './outgoing-mail.ts';

/**
 * Where mail goes. Implementations: SMTP (nodemailer pool, from SMTP_URL) and the outbox
 * (`.eml` files, when SMTP_URL is unset). Failures reject with a GazetteError whose code tells
 * transient (SMTP_TRANSIENT, SMTP_CONNECTION) from permanent (SMTP_PERMANENT, SMTP_POLICY) and a
 * refused login (SMTP_AUTH).
 */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** Human-readable destination: `smtp://host:port` (no credentials) or the outbox folder. */
  readonly destination: string;
  send(mail: OutgoingMail): Promise<SentInfo>;
  /** Check the server answers (SMTP) or the folder is writable (outbox). */
  verify(): Promise<void>;
  close(): Promise<void>;
}
