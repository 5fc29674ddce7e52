import { createHash } from 'node:crypto';

/**
 * The same Message-ID for the same (edition, list, subscriber) on every attempt, so a copy
 * re-sent after a crash is recognisable as the same message. The subscriber id is hashed:
 * row ids never appear in mail.
 */
export function deliveryMessageId(
  edition: string,
  listId: string,
  subscriberId: string,
  domain: string,
): string {
  const digest = createHash('sha256')
    .update(`${edition}\0${listId}\0${subscriberId}`)
    .digest('hex')
    .slice(0, 24);
  return `<${edition}.${listId}.${digest}@${domain}>`;
}
