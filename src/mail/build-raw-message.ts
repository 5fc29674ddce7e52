import type { DkimSigner } from './sign-dkim.ts';
import type { OutgoingMail } from './outgoing-mail.ts';
import { assertHeaderSafe } from './assert-header-safe.ts';
import { formatMailHeaders } from './format-mail-headers.ts';

/** A finished message for nodemailer's `raw` option, with the envelope it does not read from it. */
export interface RawMessage {
  bytes: Buffer;
  envelope: { from: string; to: string[] };
  messageId?: string;
}

/**
 * The whole message as bytes: the header block (formatMailHeaders) above a body that is either
 * already MIME (`mail.mime`, the send's segment template) or composed now by `compose` (today's
 * composer, for mail without a template), DKIM-signed when a signer is given.
 */
export async function buildRawMessage(
  mail: OutgoingMail,
  options: { signer?: DkimSigner; compose: (mail: OutgoingMail) => Promise<Buffer> },
): Promise<RawMessage> {
  let header: string;
  let body: Buffer[];
  if (mail.mime) {
    header = formatMailHeaders(mail, mail.mime.contentType);
    body = mail.mime.chunks;
  } else {
    const composed = await options.compose(mail);
    const end = composed.indexOf('\r\n\r\n');
    header = composed.toString('utf8', 0, end + 2);
    body = [composed.subarray(end + 4)];
  }
  const signature = options.signer?.sign(header, body) ?? '';
  return {
    bytes: Buffer.concat([Buffer.from(`${signature}${header}\r\n`, 'utf8'), ...body]),
    envelope: {
      from: mail.envelopeFrom ? assertHeaderSafe(mail.envelopeFrom, 'envelope from') : mail.from.address,
      to: [mail.to],
    },
    messageId: mail.messageId,
  };
}
