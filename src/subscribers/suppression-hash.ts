import { createHash, createHmac } from 'node:crypto';
import { emailKey } from './normalize-email.ts';

/** Marks a suppression entry keyed with the secret (older entries are bare hex). */
export const KEYED_PREFIX = 'h1:';

/**
 * The suppression list's keys for an address. `keyed` is HMAC-SHA256 of the case-folded address
 * under GAZETTE_SECRET: someone holding only the database cannot test whether a known address
 * was forgotten (an unkeyed hash of a guessed address would match). `legacy` is the unkeyed
 * SHA-256 that entries written before carry; the store recognises it and rewrites the entry
 * keyed when it meets it (upgrade in place). Without a secret only `legacy` is known.
 *
 * The keyed entries follow the secret: keep GAZETTE_SECRET as it is (every link in mail sent
 * depends on it too); after a change the old entries no longer match.
 */
export function suppressionHash(
  email: string,
  secret: string | undefined,
): { keyed?: string; legacy: string } {
  const key = emailKey(email);
  const legacy = createHash('sha256').update(`gazette-suppression:${key}`).digest('hex');
  if (secret === undefined || secret === '') return { legacy };
  const keyed = createHmac('sha256', secret).update(`gazette-suppression:${key}`).digest('hex');
  return { keyed: `${KEYED_PREFIX}${keyed}`, legacy };
}
