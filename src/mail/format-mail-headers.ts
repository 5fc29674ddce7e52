import MimeNode from 'nodemailer/lib/mime-node';
import { foldLines, isPlainText, encodeWord, quoteString } from 'nodemailer/lib/mime-funcs';
import type { OutgoingMail } from './outgoing-mail.ts';
import { toNodemailerMessage } from './to-nodemailer-message.ts';

// One node for its header encoder: addresses punycoded, text as base64 encoded words (the
// composer's textEncoding), Message-ID in angle brackets.
const encoder = new MimeNode(false, { textEncoding: 'base64' });
// The folded lines of recent values: most are the same for every copy of a segment (From,
// Subject, List-ID…); the ones that are not (To, Message-ID) just pass through. Bounded.
const folded = new Map<string, string>();
const FOLDED_MAX = 512;

/**
 * The header block of a message whose body is already in MIME form: every value checked and
 * shaped by toNodemailerMessage (the composer's own input), encoded by nodemailer's header
 * encoder, in the order and folding nodemailer's composer writes them (custom headers, the
 * addresses, Subject, Message-ID, the List-* headers, Date, MIME-Version, Content-Type last).
 * Ends with CRLF; the blank line before the body is the caller's.
 */
export function formatMailHeaders(mail: OutgoingMail, contentType: string, date = new Date()): string {
  const message = toNodemailerMessage(mail);
  const lines: string[] = [];
  const add = (key: string, value: unknown) => {
    const memo = `${key}\0${typeof value === 'string' ? value : JSON.stringify(value)}`;
    let line = folded.get(memo);
    if (line === undefined) {
      const encoded = encoder.encodeHeaderValue(key, value as Parameters<MimeNode['encodeHeaderValue']>[1]);
      line = encoded.trim() === '' ? '' : foldLines(`${key}: ${encoded}`, 76);
      if (folded.size >= FOLDED_MAX) folded.clear();
      folded.set(memo, line);
    }
    if (line !== '') lines.push(line);
  };
  for (const [key, value] of Object.entries(message.headers)) add(key, value);
  add('From', message.from);
  add('To', message.to);
  if (message.replyTo !== undefined) add('Reply-To', message.replyTo);
  add('Subject', message.subject);
  if (message.messageId !== undefined) add('Message-ID', message.messageId);
  if (message.list?.id) lines.push(foldLines(`List-ID: ${listId(message.list.id)}`));
  for (const targets of message.list?.unsubscribe ?? []) {
    lines.push(foldLines(`List-Unsubscribe: ${targets.map(listUrl).join(', ')}`));
  }
  add('Date', date);
  lines.push('MIME-Version: 1.0');
  lines.push(foldLines(`Content-Type: ${contentType}`, 76));
  return `${lines.join('\r\n')}\r\n`;
}

/** nodemailer's List-ID form: `"comment" <id>`, the comment quoted or an encoded word. */
function listId({ url, comment }: { url: string; comment?: string }): string {
  const id = listUrl(url).replace(/^<[^:]+:\/{0,2}/, '<');
  if (!comment) return id;
  const plain = isPlainText(comment) && !comment.includes('\x7f');
  return `${plain ? quoteString(comment) : encodeWord(comment)} ${id}`;
}

/** nodemailer's List-* URL form: `<https://…>`, `<mailto:…>`, a bare address as mailto. */
function listUrl(url: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = url.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').replace(/[\s<]+|[\s>]+/g, '');
  if (/^(https?|mailto|ftp):/.test(clean)) return `<${clean}>`;
  if (/^[^@]+@[^@]+$/.test(clean)) return `<mailto:${clean}>`;
  return `<http://${clean}>`;
}
