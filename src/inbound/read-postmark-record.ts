import type { Classification, Finding } from './finding.ts';

/**
 * A Postmark bounce or spam-complaint webhook body. Postmark's `Type` names the bounce; it sends
 * no original Message-ID, so the address (the latest sent ledger row to it) ties it back.
 */
export function readPostmarkRecord(body: unknown): Classification {
  const record = (body ?? {}) as PostmarkRecord;
  const recipient = record.Email?.toLowerCase();
  const diagnostic = record.Details ?? record.Description;
  const type = record.Type ?? record.RecordType ?? '';
  const finding = (kind: Finding['kind'], status: string): Classification => ({
    kind: kind === 'complaint' ? 'complaint' : kind === 'auto-reply' ? 'auto-reply' : 'bounce',
    findings: [{ kind, recipient, status, diagnostic }],
    originalMessageIds: [],
  });
  if (HARD.has(type)) return finding('hard-bounce', type === 'ManuallyDeactivated' ? '5.2.1' : '5.1.1');
  if (SOFT.has(type)) return finding('soft-bounce', type === 'SoftBounce' ? '4.2.2' : '4.0.0');
  if (type === 'SpamComplaint') return finding('complaint', 'abuse');
  if (type === 'AutoResponder') return finding('auto-reply', 'auto-replied');
  return { kind: 'ignored', findings: [], originalMessageIds: [], note: `Postmark ${type || 'record'}` };
}

// https://postmarkapp.com/developer/api/bounce-api#bounce-types
const HARD = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated']);
const SOFT = new Set(['SoftBounce', 'Transient', 'DnsError', 'Blocked', 'Undeliverable', 'MailFrontier']);

interface PostmarkRecord {
  RecordType?: string;
  Type?: string;
  Email?: string;
  Details?: string;
  Description?: string;
}
