import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';
import type { OutgoingMail, SentInfo } from './outgoing-mail.ts';
import { buildRawMessage } from './build-raw-message.ts';
import { toNodemailerMessage } from './to-nodemailer-message.ts';

/**
 * The embedded default when SMTP_URL is unset: each message becomes an `.eml` file in a folder,
 * built exactly as it would go over SMTP (open it in any mail client): composed by nodemailer,
 * or the send's own MIME body (`mail.mime`) under this message's headers.
 */
export function createOutboxMailer(dir: string): Mailer {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let counter = 0;
  return {
    kind: 'outbox',
    destination: dir,
    async send(mail: OutgoingMail): Promise<SentInfo> {
      const compose = async (m: OutgoingMail) =>
        (await composer.sendMail(toNodemailerMessage(m))).message as Buffer;
      const { bytes, messageId } = await buildRawMessage(mail, { compose });
      await mkdir(dir, { recursive: true });
      // The name carries no address: it would outlive an erasure in logs, listings and the
      // ledger's reply column. forget-outbox-mail.ts finds a reader's files by their To header.
      const stem = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++counter}`;
      const file = path.join(dir, `${stem}.eml`);
      // Write then rename: a crash never leaves half a message that looks whole.
      await writeFile(`${file}.part`, bytes);
      await rename(`${file}.part`, file);
      return { messageId: messageId ?? messageIdOf(bytes), response: file };
    },
    async verify() {
      await mkdir(dir, { recursive: true });
    },
    async close() {},
  };
}

/** The Message-ID nodemailer gave a message that came without one. */
function messageIdOf(bytes: Buffer): string {
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, 64 * 1024));
  return /^Message-ID: (<[^>\r\n]*>)/im.exec(head)?.[1] ?? '';
}
