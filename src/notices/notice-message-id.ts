import { createHash } from 'node:crypto';

/**
 * The same Message-ID for the same notice (subscriber, consent, period) on every attempt, so a
 * copy sent again after a crash is recognisable as the same message. Row ids never appear in mail.
 */
export function noticeMessageId(
  notice: { subscriber_id: string; consented_at: string; period: number },
  domain: string,
): string {
  const digest = createHash('sha256')
    .update(`${notice.subscriber_id}\0${notice.consented_at}\0${notice.period}`)
    .digest('hex')
    .slice(0, 24);
  return `<consent-notice.${notice.period}.${digest}@${domain}>`;
}
