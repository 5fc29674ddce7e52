import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';
import type { OutgoingMail, SentInfo } from './outgoing-mail.ts';
import type { DkimSigner } from './sign-dkim.ts';
import { buildRawMessage } from './build-raw-message.ts';
import { classifySmtpError } from './classify-smtp-error.ts';
import { createDkimSigner } from './sign-dkim.ts';
import { readDkimKey } from './read-dkim-key.ts';
import { toNodemailerMessage } from './to-nodemailer-message.ts';

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  url: string;
  /** Pooled connections. */
  pool?: number;
  dkim?: {
    domainName: string;
    keySelector: string;
    privateKeyFile: string;
    /** A second signature, Ed25519 (RFC 8463), under its own selector. */
    ed25519?: { keySelector: string; privateKeyFile: string };
  };
}

/**
 * nodemailer's pooled SMTP transport behind the Mailer contract. A message whose body the send
 * built already (`mail.mime`) goes out as nodemailer's `raw` with its envelope; so does a signed
 * one (composed first by nodemailer, as before, then signed here: one signer for every message,
 * RSA and the optional Ed25519). Anything else is composed by nodemailer on the way out.
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  // nodemailer reads the URL itself (host, port, smtps: → secure, percent-decoded user and
  // password, ?query options); these options fill in what the URL does not say.
  const transport = nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.pool ?? 5,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  const signer = options.dkim ? dkimSigner(options.dkim) : undefined;
  // Today's composer, for a message signed without a template: nodemailer's own bytes.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const compose = async (mail: OutgoingMail) =>
    (await composer.sendMail(toNodemailerMessage(mail))).message as Buffer;
  const destination = describeDestination(
    transport.options as { host?: string; port?: number; secure?: boolean },
  );
  return {
    kind: 'smtp',
    destination,
    async send(mail: OutgoingMail): Promise<SentInfo> {
      // Outside the try: a header value with a line break is not a verdict on the recipient.
      const raw = mail.mime || signer ? await buildRawMessage(mail, { signer, compose }) : undefined;
      const message = raw
        ? { raw: raw.bytes, envelope: raw.envelope, messageId: raw.messageId }
        : toNodemailerMessage(mail);
      try {
        const info = await transport.sendMail(message);
        return { messageId: raw?.messageId ?? info.messageId, response: info.response };
      } catch (error) {
        throw classifySmtpError(error, mail.to);
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}

/** The keys read once at start, so a bad key file stops the command before anything is sent. */
function dkimSigner(dkim: NonNullable<SmtpMailerOptions['dkim']>): DkimSigner {
  const keys = [
    {
      domainName: dkim.domainName,
      keySelector: dkim.keySelector,
      privateKey: readDkimKey(dkim.privateKeyFile, 'rsa', 'send.dkim.privateKeyFile'),
    },
  ];
  if (dkim.ed25519) {
    keys.push({
      domainName: dkim.domainName,
      keySelector: dkim.ed25519.keySelector,
      privateKey: readDkimKey(dkim.ed25519.privateKeyFile, 'ed25519', 'send.dkim.ed25519.privateKeyFile'),
    });
  }
  return createDkimSigner(keys);
}

/** Where mail goes, without the credentials: `smtps://mail.example.com:465`. */
function describeDestination({
  host = 'localhost',
  port,
  secure,
}: {
  host?: string;
  port?: number;
  secure?: boolean;
}) {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `${secure ? 'smtps' : 'smtp'}://${shown}${port ? `:${port}` : ''}`;
}
