import { createHash } from 'node:crypto';
import { emailKey } from './normalize-email.ts';

/**
 * The suppression list's key for an address: SHA-256 of the case-folded address. Unkeyed on
 * purpose, so it survives a change of GAZETTE_SECRET; it stores no address in the clear.
 */
export function suppressionHash(email: string): string {
  return createHash('sha256')
    .update(`gazette-suppression:${emailKey(email)}`)
    .digest('hex');
}
