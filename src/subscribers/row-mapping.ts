import type { Selectable } from 'kysely';
import type { Locale } from '../locale.ts';
import type { ConsentRow, SubscriberRow } from './tables.ts';
import type { ConsentRecord, ConsentSource, Subscriber, SubscriberStatus } from './subscriber.ts';

/** A database row as the rest of Gazette sees it (JSON arrays parsed, 0/1 as boolean). */
export function toSubscriber(row: Selectable<SubscriberRow>): Subscriber {
  return {
    id: Number(row.id),
    uid: row.uid,
    email: row.email,
    name: row.name,
    locale: row.locale as Locale,
    categories: JSON.parse(row.categories) as string[],
    lists: JSON.parse(row.lists) as string[],
    status: row.status as SubscriberStatus,
    adConsent: Number(row.ad_consent) === 1,
    timeZone: row.time_zone ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toConsentRecord(row: Selectable<ConsentRow>): ConsentRecord {
  return {
    createdAt: row.created_at,
    source: row.source as ConsentSource,
    ip: row.ip,
    userAgent: row.user_agent,
    consentVersion: row.consent_version,
    adConsent: Number(row.ad_consent) === 1,
    confirmSentAt: row.confirm_sent_at,
    confirmSentCount: Number(row.confirm_sent_count),
    confirmedAt: row.confirmed_at,
    confirmIp: row.confirm_ip,
    unsubscribedAt: row.unsubscribed_at,
    unsubscribeSource: row.unsubscribe_source,
    messageId: row.message_id,
    receivedAt: row.received_at,
    authResults: row.auth_results,
  };
}

/** Unique, sorted, so equal choices store equal text. */
export function toJsonList(values: readonly string[]): string {
  return JSON.stringify([...new Set(values)].sort());
}
