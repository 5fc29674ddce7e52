import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The per-recipient `List-Unsubscribe` mailto (issue 14): `unsubscribe+TOKEN@<inbound.domain>`.
 * TOKEN is the subscriber's uid (16 random bytes) and an 80-bit HMAC of uid and list, both in
 * lower-case base32: mail systems may fold the case of a local part, so the token must survive
 * it, and `unsubscribe+` + 43 characters stays under RFC 5321's 64 octets. The list is inside
 * the MAC, not spelled out: the reader holds a token for exactly one list (`''`: every list,
 * as the welcome mail's link does) and the address reveals no list name.
 */
export function unsubscribeMailToken(secret: string, subscriber: { uid: string }, listId: string): string {
  const uid = Buffer.from(subscriber.uid, 'base64url');
  return `${base32(uid)}-${base32(mac(secret, uid, listId))}`;
}

/** `unsubscribe+TOKEN@domain?subject=unsubscribe`, what a mailto in List-Unsubscribe carries. */
export function unsubscribeMailto(
  secret: string,
  domain: string,
  subscriber: { uid: string },
  listId: string,
): string {
  return `unsubscribe+${unsubscribeMailToken(secret, subscriber, listId)}@${domain}?subject=unsubscribe`;
}

/**
 * The uid and list a token names, or undefined when it is malformed or its MAC matches none of
 * `listIds` (and not `''`, every list). Any letter case is accepted.
 */
export function readUnsubscribeMailToken(
  secret: string,
  token: string,
  listIds: readonly string[],
): { uid: string; listId: string } | undefined {
  const match = /^([a-z2-7]{26})-([a-z2-7]{16})$/.exec(token.trim().toLowerCase());
  if (match === null) return undefined;
  const uid = fromBase32(match[1] ?? '');
  const given = fromBase32(match[2] ?? '');
  if (uid === undefined || uid.length !== 16 || given === undefined || given.length !== 10) return undefined;
  for (const listId of ['', ...listIds]) {
    if (timingSafeEqual(given, mac(secret, uid, listId))) return { uid: uid.toString('base64url'), listId };
  }
  return undefined;
}

function mac(secret: string, uid: Buffer, listId: string): Buffer {
  return createHmac('sha256', secret)
    .update(`gazette:unsubscribe-mail\n${uid.toString('base64url')}\n${listId}`)
    .digest()
    .subarray(0, 10);
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, no padding. */
function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | undefined {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  // Only the canonical spelling: the unused trailing bits must be zero (one token per link).
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return Buffer.from(bytes);
}
