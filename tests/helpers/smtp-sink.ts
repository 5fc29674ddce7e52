import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { assertIntegration } from './assert-integration.ts';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSinkOptions {
  /**
   * Decide each recipient's fate: return undefined to accept, or an SMTP error
   * (`{ code: 451, message: '4.3.0 try later' }`) to reject it at RCPT TO.
   */
  onRecipient?: (
    address: string,
    session: SMTPServerSession,
  ) => { code: number; message: string } | undefined;
  /** Decide each message's fate at end of DATA, same shape as onRecipient. */
  onMessage?: (mail: ReceivedMail) => { code: number; message: string } | undefined;
  /** True: once the whole message is in, close the connection without an answer (a flaky relay). */
  dropAfterData?: (mail: ReceivedMail) => boolean;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1, port 0; every accepted message is parsed back with mailparser. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  assertIntegration('startSmtpSink');
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, session, callback) {
      const verdict = options.onRecipient?.(address.address, session);
      if (verdict) {
        const error = Object.assign(new Error(verdict.message), { responseCode: verdict.code });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const mail: ReceivedMail = {
              envelope: {
                from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
            };
            if (options.dropAfterData?.(mail)) {
              for (const connection of server.connections as Set<{
                id: string;
                _socket?: { destroy(): void };
              }>) {
                if (connection.id === session.id) connection._socket?.destroy();
              }
              return;
            }
            const verdict = options.onMessage?.(mail);
            if (verdict) {
              callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }));
              return;
            }
            received.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  // smtp-server emits 'error' when a client resets the connection; without a listener the test process dies.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
