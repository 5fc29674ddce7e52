import { createVerify } from 'node:crypto';
import { GazetteError } from '../errors.ts';

/** The fields of an Amazon SNS HTTP(S) message that the signature covers. */
export interface SnsMessage {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  Signature: string;
  SignatureVersion: string;
  SigningCertURL: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
}

/** Fetch a PEM certificate (or any text) over https; tests inject their own. */
export type FetchText = (url: string) => Promise<string>;

/**
 * Verify an SNS message the way AWS documents it: the signing certificate must come from an
 * https URL on an `sns.<region>.amazonaws.com` host, and its key must verify the signature over
 * the message's fields in order (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA).
 * https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */
export async function verifySnsMessage(message: SnsMessage, fetchCertificate: FetchText): Promise<void> {
  if (!isSnsUrl(message.SigningCertURL, /\.pem$/)) {
    throw refused(
      `its SigningCertURL ${JSON.stringify(message.SigningCertURL)} is not an https .pem URL on an sns.<region>.amazonaws.com host`,
    );
  }
  const algorithm =
    message.SignatureVersion === '2'
      ? 'RSA-SHA256'
      : message.SignatureVersion === '1'
        ? 'RSA-SHA1'
        : undefined;
  if (algorithm === undefined)
    throw refused(`SignatureVersion ${JSON.stringify(message.SignatureVersion)} is unknown`);
  const certificate = await fetchCertificate(message.SigningCertURL);
  let valid: boolean;
  try {
    valid = createVerify(algorithm)
      .update(stringToSign(message))
      .verify(certificate, message.Signature, 'base64');
  } catch (error) {
    throw refused(`its signing certificate could not be read (${(error as Error).message})`);
  }
  if (!valid) throw refused('its signature does not match the message');
}

/** An https URL on an SNS host (`sns.us-east-1.amazonaws.com`, `sns.cn-north-1.amazonaws.com.cn`). */
export function isSnsUrl(value: string | undefined, path: RegExp = /./): boolean {
  if (value === undefined) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(url.hostname) &&
    path.test(url.pathname)
  );
}

function stringToSign(message: SnsMessage): string {
  const keys =
    message.Type === 'Notification'
      ? [
          'Message',
          'MessageId',
          ...(message.Subject === undefined ? [] : ['Subject']),
          'Timestamp',
          'TopicArn',
          'Type',
        ]
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return keys.map((key) => `${key}\n${String(message[key as keyof SnsMessage] ?? '')}\n`).join('');
}

function refused(reason: string): GazetteError {
  return new GazetteError(
    'INBOUND_WEBHOOK',
    `An SNS message was refused: ${reason}. Only messages signed by Amazon SNS are accepted; check the subscription's endpoint and topic.`,
    {},
  );
}
