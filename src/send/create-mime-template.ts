import { randomBytes } from 'node:crypto';
import type { MimeBody } from '../mail/mime-body.ts';
import type { Recipient } from '../render/personalization-slots.ts';
import { personalizationSlots, slotValues } from '../render/personalization-slots.ts';
import type { RenderedDigest } from './digest-renderer.ts';
import { createBase64Layout } from './create-base64-layout.ts';

/** A segment's message body, laid out once; each recipient's copy fills in their values. */
export interface MimeTemplate {
  /** The most the template holds (its weight in the segment cache), every offset encoded. */
  readonly bytes: number;
  /** One recipient's body: multipart/alternative, the text part then the HTML part, base64. */
  body(recipient: Recipient): MimeBody;
}

/**
 * The MIME structure of a segment's digest built once: the boundary, both parts' headers and
 * their base64 (createBase64Layout), as nodemailer would compose it (same structure, order and
 * encodings), so that a recipient's body costs the encoding of their token and name only. The
 * header block is not here: every header value may differ per recipient (composeMail), so the
 * mailer formats it for each copy.
 */
export function createMimeTemplate(rendered: RenderedDigest): MimeTemplate {
  const split = personalizationSlots(rendered);
  const text = createBase64Layout(split.text);
  const html = createBase64Layout(split.html);
  // nodemailer's form (`--_NmP-<random>-Part_1`): no base64 line or part header can contain it.
  const boundary = `--_NmP-${randomBytes(8).toString('hex')}-Part_1`;
  const partHead = (type: string) =>
    Buffer.from(
      `--${boundary}\r\nContent-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n`,
      'latin1',
    );
  const textHead = partHead('text/plain');
  const htmlHead = partHead('text/html');
  const end = Buffer.from(`--${boundary}--\r\n`, 'latin1');
  const contentType = `multipart/alternative; boundary="${boundary}"`;
  return {
    bytes: text.maxBytes + html.maxBytes + textHead.length + htmlHead.length + end.length,
    body(recipient) {
      const values = slotValues(recipient);
      const chunks: Buffer[] = [textHead];
      text.encode(values.text, chunks);
      chunks.push(htmlHead);
      html.encode(values.html, chunks);
      chunks.push(end);
      return { contentType, chunks };
    },
  };
}
