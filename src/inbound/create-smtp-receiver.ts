import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerOptions, SMTPServerSession } from 'smtp-server';
import type { InboundPipeline } from './create-inbound-pipeline.ts';
import type { InboundSettings } from './inbound-settings.ts';
import { headerMessageId } from './header-message-id.ts';

export interface SmtpReceiverOptions {
  pipeline: InboundPipeline;
  settings: InboundSettings;
  host: string;
  port: number;
  /** The name in the greeting and EHLO reply. */
  name: string;
  maxConnectionsPerIp: number;
  messagesPerMinutePerIp: number;
  /** PEM files for STARTTLS; without them STARTTLS is not offered. */
  tls?: { keyFile: string; certFile: string };
  log?: (message: string, error?: unknown) => void;
  /** Runs after a message is stored and before 250 is answered (crash tests hold the reply here). */
  beforeReply?: (id: number) => Promise<void>;
  now?: () => number;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

/**
 * The SMTP receiver for the addresses Gazette owns. Every other recipient is refused at RCPT TO
 * (550 5.7.1): never an open relay. A message is answered 250 only once it is stored; a storage
 * failure answers 451 so the sender keeps it and retries.
 */
export async function createSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const { pipeline, settings } = options;
  const log = options.log ?? ((message, error) => console.error(`gazette inbound: ${message}`, error ?? ''));
  const now = options.now ?? Date.now;
  const connections = new Map<string, number>();
  const recent = new Map<string, number[]>();
  const refuse = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });
  const ip = (session: SMTPServerSession) => session.remoteAddress;

  const serverOptions: SMTPServerOptions = {
    name: options.name,
    banner: 'Gazette inbound (bounces, feedback and requests)',
    logger: false,
    size: settings.maxBytes,
    authOptional: true,
    disabledCommands: options.tls === undefined ? ['AUTH', 'STARTTLS'] : ['AUTH'],
    ...(options.tls === undefined
      ? {}
      : { key: readFileSync(options.tls.keyFile), cert: readFileSync(options.tls.certFile) }),
    socketTimeout: 60_000,
    onConnect(session, callback) {
      const open = (connections.get(ip(session)) ?? 0) + 1;
      if (open > options.maxConnectionsPerIp) {
        callback(refuse(421, '4.7.0 Too many connections from your address, try again later'));
        return;
      }
      connections.set(ip(session), open);
      callback();
    },
    onClose(session) {
      const open = (connections.get(ip(session)) ?? 1) - 1;
      if (open <= 0) connections.delete(ip(session));
      else connections.set(ip(session), open);
    },
    onMailFrom(_address, session, callback) {
      const since = now() - 60_000;
      const times = (recent.get(ip(session)) ?? []).filter((t) => t > since);
      if (times.length >= options.messagesPerMinutePerIp) {
        callback(refuse(450, '4.7.1 Too many messages from your address, try again later'));
        return;
      }
      times.push(now());
      recent.set(ip(session), times);
      callback();
    },
    onRcptTo(address, _session, callback) {
      const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
      if (!settings.domains.includes(domain)) {
        callback(refuse(550, '5.7.1 Relaying denied: this server only accepts mail for its own addresses'));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(refuse(552, `5.3.4 Message too big: the limit is ${settings.maxBytes} bytes`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        const rcptTo = session.envelope.rcptTo.map((r) => r.address);
        // Issue 14: an unsubscribe is applied before the 250, so it wins over the next claim of
        // any send; other mail is processed just after, in arrival order.
        const unsubscribe = rcptTo.some((rcpt) => isUnsubscribeAddress(rcpt, settings.requestDomain));
        pipeline
          .receive({
            raw,
            source: 'smtp',
            mailFrom,
            rcptTo,
            remoteIp: ip(session),
            messageId: headerMessageId(raw),
          })
          .then(async (stored) => {
            if (!stored.duplicate) await options.beforeReply?.(stored.id);
            let processed = false;
            if (!stored.duplicate && unsubscribe) {
              processed = await pipeline.process(stored.id).then(
                () => true,
                (error: unknown) => {
                  log(`processing message ${stored.id} failed; it is queued again`, error);
                  return false;
                },
              );
            }
            callback(null, stored.duplicate ? '2.0.0 Already received, thank you' : '2.0.0 Stored');
            if (!stored.duplicate && !processed) pipeline.enqueue(stored.id);
          })
          .catch((error: unknown) => {
            log('storing a received message failed; the sender was told to retry', error);
            callback(refuse(451, '4.3.0 Could not store the message, try again later'));
          });
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  // A client resetting its connection emits 'error'; the listener keeps the process alive.
  server.on('error', (error) => log('SMTP connection error', error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function isUnsubscribeAddress(address: string, domain: string | undefined): boolean {
  if (domain === undefined) return false;
  const at = address.lastIndexOf('@');
  return /^unsubscribe(\+|$)/i.test(address.slice(0, at)) && address.slice(at + 1).toLowerCase() === domain;
}
