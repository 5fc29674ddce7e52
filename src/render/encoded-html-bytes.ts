import * as base64 from 'nodemailer/lib/base64';
import * as qp from 'nodemailer/lib/qp';

/** The HTML part as it travels: its transfer encoding and its size in bytes, line breaks counted. */
export interface EncodedSize {
  encoding: '7bit' | 'quoted-printable' | 'base64';
  bytes: number;
}

// RFC 5322 §2.1.1: lines of at most 998 characters; nodemailer wraps encoded lines at 76.
const MAX_LINE = 998;
const WRAP = 76;

/**
 * The size of an HTML part once nodemailer has encoded it for sending, by nodemailer's own rule
 * (mime-node `_getTextEncoding`): plain ASCII with short lines goes as is; otherwise
 * quoted-printable when Latin letters outnumber other bytes, else base64 (Korean text: a third
 * more than its UTF-8). What the size budget holds to is the decoded size (Gmail clips at ~102 KB
 * of decoded HTML); this is the figure a mailbox quota or a provider's message limit sees.
 */
export function encodedHtmlBytes(html: string): EncodedSize {
  // eslint-disable-next-line no-control-regex -- exactly the bytes that force an encoding
  const plain = !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u0080-\uffff]/.test(html);
  if (plain && html.split(/\r?\n/).every((line) => line.length <= MAX_LINE)) {
    return { encoding: '7bit', bytes: Buffer.byteLength(html.replace(/\r?\n/g, '\r\n')) };
  }
  let other = 0;
  let latin = 0;
  for (let i = 0; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x80)
      other++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
  }
  const encoded =
    other < latin
      ? { encoding: 'quoted-printable' as const, text: qp.wrap(qp.encode(html), WRAP) }
      : { encoding: 'base64' as const, text: base64.wrap(base64.encode(html), WRAP) };
  return { encoding: encoded.encoding, bytes: Buffer.byteLength(encoded.text) };
}
