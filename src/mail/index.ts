export { createMailer } from './create-mailer.ts';
export { createSmtpMailer } from './create-smtp-mailer.ts';
export type { SmtpMailerOptions } from './create-smtp-mailer.ts';
export { createOutboxMailer } from './create-outbox-mailer.ts';
export { classifySmtpError, isTransient } from './classify-smtp-error.ts';
export { assertHeaderSafe } from './assert-header-safe.ts';
export type { Mailer } from './mailer.ts';
export type { OutgoingMail, SentInfo } from './outgoing-mail.ts';
