import type { ConsentRecord } from './subscriber.ts';

/**
 * When a subscriber's advertising consent was given (정보통신망법 §50①), from their consent
 * records, oldest first: the latest record that carries ad consent, at its confirmation (or,
 * unconfirmed, its creation: an import keeps the original date in both). Ad consent added later
 * on the preferences page leaves no record of its own; the latest record's date is then used,
 * which is never later than the real one, so the two-yearly notice (§50⑧) is never late.
 * Undefined for a subscriber without records.
 */
export function adConsentDate(records: readonly ConsentRecord[]): string | undefined {
  const withAd = records.filter((record) => record.adConsent);
  const record = withAd.at(-1) ?? records.at(-1);
  return record === undefined ? undefined : (record.confirmedAt ?? record.createdAt);
}
