import { simpleParser } from 'mailparser';
import type { AddressObject, HeaderValue } from 'mailparser';

/** A received message as the recognisers read it, independent of the parser. */
export interface ParsedInbound {
  /** Header values as text, names lower-cased (the first of repeated headers). */
  header(name: string): string | undefined;
  subject: string;
  /** The From address, lower-cased. */
  from?: string;
  messageId?: string;
  /** The readable text (text/plain, or the HTML's text), with inline message/rfc822 parts. */
  text: string;
  /** Machine-readable parts by content type: message/delivery-status, message/feedback-report, … */
  parts: { contentType: string; text: string }[];
  /** The raw message as latin1 text, for ASCII tokens (Message-IDs) in parts the parser inlined. */
  source: string;
  /** Set when the MIME could not be read at all; the message is then kept unrecognised. */
  error?: string;
}

/**
 * mailparser with `keepDeliveryStatus`, so RFC 3464 reports stay a part of their own. A message
 * too broken to parse still yields its raw text: nothing is lost, it is listed as unrecognised.
 */
export async function parseInbound(raw: Buffer): Promise<ParsedInbound> {
  try {
    const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipImageLinks: true });
    const headers = mail.headers;
    return {
      header: (name) => headerText(headers.get(name.toLowerCase())),
      subject: mail.subject ?? '',
      from: firstAddress(mail.from),
      messageId: mail.messageId,
      text: mail.text ?? (typeof mail.html === 'string' ? mail.html.replace(/<[^>]+>/g, ' ') : ''),
      source: raw.toString('latin1'),
      parts: mail.attachments.map((part) => ({
        contentType: part.contentType.toLowerCase(),
        text: part.content.toString('utf8'),
      })),
    };
  } catch (error) {
    const text = raw.toString('latin1');
    return {
      header: () => undefined,
      subject: '',
      text,
      source: text,
      parts: [],
      error: (error as Error).message,
    };
  }
}

function headerText(value: HeaderValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('value' in value && typeof value.value === 'string') return value.value;
  return undefined;
}

function firstAddress(from: AddressObject | undefined): string | undefined {
  return from?.value[0]?.address?.toLowerCase();
}
