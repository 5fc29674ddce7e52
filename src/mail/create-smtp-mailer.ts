import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { GazetteError } from '../errors.ts';
import type { Mailer } from './mailer.ts';
import type { OutgoingMail, SentInfo } from './outgoing-mail.ts';
import { toNodemailerMessage } from './to-nodemailer-message.ts';
import { classifySmtpError } from './classify-smtp-error.ts';

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  url: string;
  /** Pooled connections. */
  pool?: number;
  dkim?: { domainName: string; keySelector: string; privateKeyFile: string };
}

/** nodemailer's pooled SMTP transport behind the Mailer contract. */
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
    dkim: options.dkim
      ? {
          domainName: options.dkim.domainName,
          keySelector: options.dkim.keySelector,
          privateKey: readDkimKey(options.dkim.privateKeyFile),
          // The default list leaves out List-Unsubscribe-Post; RFC 8058 §4 wants both signed.
          headerFieldNames:
            'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:List-Id:List-Unsubscribe:List-Unsubscribe-Post',
        }
      : undefined,
  });
  const destination = describeDestination(
    transport.options as { host?: string; port?: number; secure?: boolean },
  );
  return {
    kind: 'smtp',
    destination,
    async send(mail: OutgoingMail): Promise<SentInfo> {
      const message = toNodemailerMessage(mail);
      try {
        const info = await transport.sendMail(message);
        return { messageId: info.messageId, response: info.response };
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

/**
 * The DKIM key, read once at start: a missing or unreadable file is a config mistake, said
 * before anything is sent (not a stack trace, not one signing failure per message).
 */
function readDkimKey(file: string): string {
  const fail = (reason: string, cause: unknown) =>
    new GazetteError(
      'CONFIG_INVALID',
      `send.dkim.privateKeyFile: ${file} ${reason}. Point send.dkim.privateKeyFile in the config at the ` +
        'PEM private key whose public half is published at SELECTOR._domainkey.DOMAIN (a relative path ' +
        'is relative to the config file), or remove send.dkim to send unsigned.',
      { field: 'send.dkim.privateKeyFile', file },
      { cause },
    );
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`, error);
  }
  try {
    createPrivateKey(pem);
  } catch (error) {
    throw fail('is not an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)', error);
  }
  return pem;
}
