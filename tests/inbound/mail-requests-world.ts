import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import type { Config } from '../../src/config/config.ts';
import { openInbound } from '../../src/cli/open-inbound.ts';
import type { OpenedInbound } from '../../src/cli/open-inbound.ts';
import { createSmtpReceiver } from '../../src/inbound/create-smtp-receiver.ts';
import type { SmtpReceiver } from '../../src/inbound/create-smtp-receiver.ts';
import { inboundSettings } from '../../src/inbound/inbound-settings.ts';
import type { DnsResolver } from '../../src/inbound/authenticate-message.ts';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { listUnsubscribeMailto } from '../../src/subscribers/list-unsubscribe-mailto.ts';
import { createWebApp } from '../../src/web/create-web-app.tsx';
import type { WebApp } from '../../src/web/create-web-app.tsx';
import type { DialectSetup } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { ReceivedMail, SmtpSink } from '../helpers/smtp-sink.ts';
import { createSendHarness } from '../send/send-harness.ts';
import type { SendHarness } from '../send/send-harness.ts';
import { deliver, waitFor } from './inbound-harness.ts';

export const REQUEST_DOMAIN = 'in.gazette.example';
/** The readers' mail provider: publishes a DKIM key and DMARC p=reject, no SPF record. */
export const READER_DOMAIN = 'mail.example';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** A provider that authorises the test's own address (127.0.0.1) by SPF, and publishes DMARC. */
export const SPF_DOMAIN = 'spf.example';

/** The test's DNS: only these records exist; nothing leaves the machine. */
export const DNS_RECORDS: Record<string, string[][]> = {
  [`test._domainkey.${READER_DOMAIN}:TXT`]: [[`v=DKIM1; k=rsa; p=${publicKey}`]],
  [`_dmarc.${READER_DOMAIN}:TXT`]: [['v=DMARC1; p=reject']],
  [`${SPF_DOMAIN}:TXT`]: [['v=spf1 ip4:127.0.0.1 -all']],
  [`_dmarc.${SPF_DOMAIN}:TXT`]: [['v=DMARC1; p=quarantine']],
};

export const resolver: DnsResolver = async (name, rrtype) => {
  const found = DNS_RECORDS[`${name.toLowerCase()}:${rrtype.toUpperCase()}`];
  if (found !== undefined) return found;
  throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

/** A mail as a reader's client writes it (CRLF, UTF-8 body), optionally DKIM-signed by their provider. */
export async function readerMail(options: {
  from: string;
  to: string;
  subject: string;
  body?: string;
  messageId?: string;
  headers?: string[];
  sign?: boolean;
}): Promise<Buffer> {
  const id = options.messageId ?? `<${Math.random().toString(36).slice(2)}@${READER_DOMAIN}>`;
  const message = [
    `From: ${options.from}`,
    `To: ${options.to}`,
    `Subject: =?UTF-8?B?${Buffer.from(options.subject).toString('base64')}?=`,
    `Message-ID: ${id}`,
    'Date: Fri, 04 Dec 2026 01:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    ...(options.headers ?? []),
    '',
    Buffer.from(options.body ?? '')
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n'),
    '',
  ].join('\r\n');
  if (options.sign !== true) return Buffer.from(message);
  const signed = await dkimSign(message, {
    signatureData: [{ signingDomain: READER_DOMAIN, selector: 'test', privateKey }],
  } as unknown as Parameters<typeof dkimSign>[1]);
  return Buffer.from(signed.signatures + message);
}

export interface MailRequestWorld {
  sink: SmtpSink;
  send: SendHarness;
  config: Config;
  inbound: OpenedInbound;
  receiver: SmtpReceiver;
  web: WebApp;
  /** Deliver a mail to the receiver over real SMTP; resolves with the server's reply. */
  mail(raw: Buffer, to: string, envelopeFrom: string): Promise<string>;
  /** Mails the sink got for one address, once everything queued is done. */
  mailsTo(address: string): Promise<ReceivedMail[]>;
  /** Wait until the sink holds `count` mails for the address (bounded). */
  waitForMails(address: string, count: number): Promise<ReceivedMail[]>;
  /** The edition sent to everyone active, with each recipient's List-Unsubscribe mailto. */
  sendEdition(): ReturnType<SendHarness['send']>;
  close(): Promise<void>;
}

/**
 * The whole world of a reader who uses nothing but their mail client: the real SMTP receiver
 * over the composition root's pipeline (openInbound), the web app for the confirm link, a real
 * send of an edition, and one SMTP sink for everything Gazette sends.
 */
export async function createMailRequestWorld(
  dialect: DialectSetup,
  extra: { changeResults?: boolean; perDomainPerHour?: number } = {},
): Promise<MailRequestWorld> {
  const sink = await startSmtpSink();
  const send = await createSendHarness(dialect, sink.url);
  const base = send.fixture.config;
  const databaseUrl =
    send.test.schema === undefined
      ? send.test.url
      : `${send.test.url}?options=${encodeURIComponent(`-c search_path=${send.test.schema}`)}`;
  const config: Config = {
    ...base,
    databaseUrl,
    inbound: {
      ...base.inbound,
      domain: REQUEST_DOMAIN,
      requests: { perDomainPerHour: extra.perDomainPerHour ?? base.inbound.requests.perDomainPerHour },
    },
    notices: { changeResults: extra.changeResults },
  };
  const mailer: Mailer = createSmtpMailer({ url: sink.url, pool: 2 });
  const inbound = await openInbound(config, { resolver, mailer, log: () => {} });
  const receiver = await createSmtpReceiver({
    pipeline: inbound.pipeline,
    settings: inboundSettings(config),
    host: '127.0.0.1',
    port: 0,
    name: REQUEST_DOMAIN,
    maxConnectionsPerIp: 50,
    messagesPerMinutePerIp: 10_000,
    log: () => {},
  });
  const web = createWebApp({ config, store: send.store, mailer, log: () => {} });
  const settle = async () => {
    await inbound.pipeline.idle();
    await web.idle();
  };
  const mailsTo = async (address: string) => {
    await settle();
    return sink.received.filter((m) => m.envelope.to.includes(address));
  };
  return {
    sink,
    send,
    config,
    inbound,
    receiver,
    web,
    mail: (raw, to, envelopeFrom) => deliver(receiver.port, raw, [to], envelopeFrom),
    mailsTo,
    waitForMails: (address, count) =>
      waitFor(
        async () => {
          const found = await mailsTo(address);
          return found.length >= count ? found : undefined;
        },
        10_000,
        () => `mails to ${address}: ${sink.received.filter((m) => m.envelope.to.includes(address)).length}`,
      ),
    sendEdition: () =>
      send.send(
        { config },
        { mailtoFor: (subscriber, listId) => listUnsubscribeMailto(config, subscriber, listId) },
      ),
    async close() {
      await settle();
      await receiver.close();
      await inbound.close();
      await mailer.close();
      await send.cleanup();
      await sink.close();
    },
  };
}
