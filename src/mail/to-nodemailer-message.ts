import type { OutgoingMail } from './outgoing-mail.ts';
import { assertHeaderSafe } from './assert-header-safe.ts';

/** nodemailer's message shape for an OutgoingMail, after checking every header value. */
export function toNodemailerMessage(mail: OutgoingMail) {
  assertHeaderSafe(mail.to, 'to');
  assertHeaderSafe(mail.subject, 'subject');
  assertHeaderSafe(mail.from.address, 'from');
  if (mail.from.name !== undefined) assertHeaderSafe(mail.from.name, 'from name');
  if (mail.replyTo !== undefined) assertHeaderSafe(mail.replyTo, 'replyTo');
  if (mail.listId !== undefined) assertHeaderSafe(mail.listId, 'listId');
  if (mail.messageId !== undefined) assertHeaderSafe(mail.messageId, 'messageId');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    headers[assertHeaderSafe(name, 'header name')] = assertHeaderSafe(value, name);
  }
  let list: { id?: { url: string; comment?: string }; unsubscribe?: string[][] } | undefined;
  if (mail.listUnsubscribe || mail.listId) {
    list = {};
    if (mail.listId) list.id = listIdParts(mail.listId);
    if (mail.listUnsubscribe) {
      const targets = [assertHeaderSafe(mail.listUnsubscribe.url, 'unsubscribe URL')];
      if (mail.listUnsubscribe.mailto)
        targets.push(`mailto:${assertHeaderSafe(mail.listUnsubscribe.mailto, 'mailto')}`);
      // nodemailer: a nested array gives ONE List-Unsubscribe header; a flat one gives two.
      list.unsubscribe = [targets];
      // RFC 8058 §3.1: the one-click POST body is exactly List-Unsubscribe=One-Click.
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
  }
  return {
    from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
    to: mail.to,
    replyTo: mail.replyTo,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    headers,
    list,
    envelope: mail.envelopeFrom
      ? { from: assertHeaderSafe(mail.envelopeFrom, 'envelope from'), to: mail.to }
      : undefined,
    // Korean text triples under quoted-printable; base64 is ~2.5x faster to send (REFERENCE.md).
    textEncoding: 'base64' as const,
  };
}

/**
 * RFC 2919 `Name <list.id.domain>` → nodemailer's `{ comment, url }`; given a plain string
 * nodemailer strips the spaces and glues the name onto the id.
 */
function listIdParts(listId: string): { url: string; comment?: string } {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(listId);
  if (!match) return { url: listId.trim() };
  const comment = (match[1] ?? '').replace(/^"|"$/g, '');
  return comment === '' ? { url: match[2] ?? '' } : { url: match[2] ?? '', comment };
}
