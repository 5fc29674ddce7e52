import { ImapFlow } from 'imapflow';
import { GazetteError } from '../errors.ts';
import type { InboundPipeline } from './create-inbound-pipeline.ts';
import { headerMessageId } from './header-message-id.ts';
import { parseImapUrl } from './parse-imap-url.ts';

export interface PollMailboxOptions {
  /** `imaps://user:pass@host[:port]/INBOX` (or `imap://` for STARTTLS or a local server). */
  url: string;
  pipeline: InboundPipeline;
  /** Stop after one pass (cron jobs, tests) instead of waiting for new mail. */
  once?: boolean;
  signal?: AbortSignal;
  /** Look again at least this often when the server announces nothing (default one minute). */
  intervalMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** Called after every pass over the mailbox. */
  onPass?: (pass: PollSummary, first: boolean) => void;
  /** TLS options for the connection (tests trust their own certificate). */
  tls?: { rejectUnauthorized?: boolean };
}

export interface PollSummary {
  processed: number;
  unrecognised: number;
  /** Messages left in the mailbox because storing them failed; tried again next pass. */
  left: number;
}

/** Where handled mail goes; nothing is ever deleted (listmonk deletes what it reads: #1334, #766). */
export const PROCESSED_FOLDER = ['Gazette', 'Processed'];
export const UNRECOGNISED_FOLDER = ['Gazette', 'Unrecognised'];

/**
 * Read a mailbox with imapflow: store and process every message in it, then move it to
 * Gazette/Processed or Gazette/Unrecognised. Waits for new mail with IDLE where the server
 * offers it (imapflow falls back to NOOP polling), until the signal aborts.
 */
export async function pollMailbox(options: PollMailboxOptions): Promise<PollSummary> {
  const target = parseImapUrl(options.url);
  const log = options.log ?? ((message, error) => console.error(`gazette inbound: ${message}`, error ?? ''));
  const client = new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: { user: target.user, pass: target.pass },
    logger: false,
    tls: options.tls,
    missingIdleCommand: 'NOOP',
  });
  client.on('error', (error: unknown) => log('IMAP connection error', error));
  try {
    await client.connect();
  } catch (error) {
    throw new GazetteError(
      'INBOUND_IMAP',
      `Cannot log in to ${target.host}:${target.port} as ${target.user}: ${(error as Error).message}. Check the host, port and credentials in --imap or inbound.imap.`,
      { field: 'inbound.imap' },
      { cause: error },
    );
  }
  const summary: PollSummary = { processed: 0, unrecognised: 0, left: 0 };
  try {
    for (const folder of [PROCESSED_FOLDER, UNRECOGNISED_FOLDER]) {
      // Throws when it exists already; the move below reports a real problem.
      await client.mailboxCreate(folder).catch(() => undefined);
    }
    let wake: (() => void) | undefined;
    client.on('exists', () => wake?.());
    let first = true;
    for (;;) {
      const pass = await onePass(client, target.mailbox, options.pipeline);
      summary.processed += pass.processed;
      summary.unrecognised += pass.unrecognised;
      summary.left = pass.left;
      options.onPass?.(pass, first);
      first = false;
      if (options.once === true || stopped(options.signal)) return summary;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs ?? 60_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        options.signal?.addEventListener('abort', wake, { once: true });
      });
      if (stopped(options.signal)) return summary;
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function stopped(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

async function onePass(client: ImapFlow, mailbox: string, pipeline: InboundPipeline): Promise<PollSummary> {
  const summary: PollSummary = { processed: 0, unrecognised: 0, left: 0 };
  const lock = await client.getMailboxLock(mailbox);
  try {
    // Fetch first, move after: commands cannot run while a FETCH is streaming.
    const messages = await client.fetchAll('1:*', { uid: true, source: true });
    for (const message of messages) {
      if (message.source === undefined) continue;
      let kind: string | undefined;
      try {
        const stored = await pipeline.receive({
          raw: message.source,
          source: 'imap',
          mailFrom: envelopeSender(message.source),
          rcptTo: envelopeRecipients(message.source),
          messageId: headerMessageId(message.source),
        });
        kind = (await pipeline.process(stored.id))?.kind;
      } catch {
        summary.left += 1;
        continue;
      }
      const folder = kind === 'unrecognised' ? UNRECOGNISED_FOLDER : PROCESSED_FOLDER;
      await client.messageMove(String(message.uid), folder, { uid: true });
      if (kind === 'unrecognised') summary.unrecognised += 1;
      else summary.processed += 1;
    }
  } finally {
    lock.release();
  }
  return summary;
}

/** The delivering server records the envelope in headers: Delivered-To, X-Original-To, Envelope-To. */
function envelopeRecipients(raw: Buffer): string[] {
  const head = headSection(raw);
  return [
    ...head.matchAll(/^(?:delivered-to|x-original-to|envelope-to):[ \t]*<?([^\s<>,]+@[^\s<>,]+)>?/gim),
  ].map((m) => m[1] ?? '');
}

/** `Return-Path: <>` is the null sender of bounces. */
function envelopeSender(raw: Buffer): string | undefined {
  const match = /^return-path:[ \t]*<([^<>]*)>/im.exec(headSection(raw));
  return match?.[1];
}

function headSection(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  return raw.subarray(0, end === -1 ? Math.min(raw.length, 64 * 1024) : end).toString('latin1');
}
