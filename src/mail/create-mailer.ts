import path from 'node:path';
import type { Config } from '../config/config.ts';
import type { Mailer } from './mailer.ts';
import { createSmtpMailer } from './create-smtp-mailer.ts';
import { createOutboxMailer } from './create-outbox-mailer.ts';

/**
 * Pick the transport from config, the way nodemailer's createTransport picks one from a URL:
 * SMTP_URL set → pooled SMTP; unset → `.eml` files under the outbox folder (+ `subdir`).
 */
export function createMailer(config: Config, subdir = ''): Mailer {
  if (config.smtpUrl) {
    return createSmtpMailer({ url: config.smtpUrl, pool: config.send.pool, dkim: config.send.dkim });
  }
  return createOutboxMailer(path.join(config.outboxDir, subdir));
}
