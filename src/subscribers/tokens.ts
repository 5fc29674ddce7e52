import { createHmac, timingSafeEqual } from 'node:crypto';
import { GazetteError } from '../errors.ts';

/**
 * What a token may be used for; the purpose is inside the MAC, so a manage token never passes
 * as a confirm token. `manage` (unsubscribe, preferences) never expires: RFC 8058 links must
 * keep working. `confirm` expires (double opt-in).
 */
export type TokenPurpose = 'manage' | 'confirm';

const SUBJECT = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TOKEN = 200;

/** `subject[.expiry].mac`: URL-safe base64 and dots only; HMAC-SHA256 keyed with the secret. */
export function signToken(secret: string, purpose: TokenPurpose, subject: string, expiresAt?: Date): string {
  if (!SUBJECT.test(subject)) {
    throw new GazetteError('TOKEN_INVALID', 'A token subject must be URL-safe base64.', { field: 'subject' });
  }
  const body =
    expiresAt === undefined ? subject : `${subject}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${mac(secret, purpose, body)}`;
}

/** Check a token's MAC, purpose and expiry; returns its subject or throws TOKEN_INVALID. */
export function verifyToken(
  secret: string,
  token: string,
  purpose: TokenPurpose,
  now: Date = new Date(),
): { subject: string; expiresAt?: Date } {
  const invalid = (why: 'malformed' | 'signature mismatch' | 'expired'): never => {
    throw new GazetteError('TOKEN_INVALID', `The link is not valid: ${why}.`, { purpose, reason: why });
  };
  if (token.length > MAX_TOKEN || !/^[A-Za-z0-9_.-]+$/.test(token)) invalid('malformed');
  const parts = token.split('.');
  if (parts.length !== 2 && parts.length !== 3) invalid('malformed');
  const spelled = parts.pop() ?? '';
  const given = Buffer.from(spelled, 'base64url');
  // The MAC's last base64url character carries 2 unused bits: four spellings decode alike.
  // Only the canonical one (what signToken writes) passes, so each link has one form.
  if (given.toString('base64url') !== spelled) invalid('malformed');
  const body = parts.join('.');
  const expected = Buffer.from(mac(secret, purpose, body), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) invalid('signature mismatch');
  const [subject = '', expiry] = parts;
  if (!SUBJECT.test(subject)) invalid('malformed');
  if (expiry === undefined) return { subject };
  const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
  if (!(expiresAt.getTime() > now.getTime())) invalid('expired');
  return { subject, expiresAt };
}

/** The unsubscribe/preferences token for a recipient: one HMAC, cheap enough per message. */
export function manageToken(secret: string, subscriber: { uid: string }): string {
  return signToken(secret, 'manage', subscriber.uid);
}

/** How long a double opt-in link works. */
export const CONFIRM_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The double opt-in token, valid for CONFIRM_TTL_MS from `now`. */
export function confirmToken(secret: string, subscriber: { uid: string }, now: Date = new Date()): string {
  return signToken(secret, 'confirm', subscriber.uid, new Date(now.getTime() + CONFIRM_TTL_MS));
}

function mac(secret: string, purpose: TokenPurpose, body: string): string {
  return createHmac('sha256', secret).update(`gazette:${purpose}\n${body}`).digest('base64url');
}
