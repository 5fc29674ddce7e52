import type { Authentication } from './authenticate-message.ts';
import type { InboundRequests, RequestResult } from './inbound-requests.ts';
import type { InboundSettings } from './inbound-settings.ts';
import type { InboundStore, StoredMessage } from './inbound-store.ts';
import type { MailRequest } from './mail-request.ts';
import type { InboundEffect, InboundEventKind } from './tables.ts';

export interface RequestDeps {
  store: InboundStore;
  settings: InboundSettings;
  requests?: InboundRequests;
  authenticate(stored: StoredMessage): Promise<Authentication>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** What counts against the abuse limits: every mail Gazette sent because a mail asked. */
const SENT: readonly InboundEffect[] = ['confirmation-sent', 'link-sent'];

/**
 * Apply one request by mail and record it as an event (unique per message, kind and address:
 * processing again records nothing new, and the store's changes are idempotent). Never answers
 * auto-submitted mail or an empty envelope sender (RFC 3834 §2, no backscatter); a forged From
 * costs its victim one mail a day at most (one per address per 24 h, a cap per domain per hour).
 */
export async function applyRequest(
  deps: RequestDeps,
  stored: StoredMessage,
  request: MailRequest,
): Promise<{ kind: InboundEventKind; recipient: string; effect: InboundEffect; note?: string }> {
  const at = Number(stored.received_at);
  const receivedAt = new Date(at);
  const kind: InboundEventKind = request.action;
  const from = request.from;
  const answerable = !request.automatic && stored.mail_from !== '' && from !== undefined;
  const record = async (result: RequestResult) => {
    const recipient = (result.email ?? from ?? '').toLowerCase();
    await deps.store.recordEvent({
      inboundMessageId: stored.id,
      kind,
      recipient,
      diagnostic: result.note,
      effect: result.effect,
      at,
    });
    return { kind, recipient, effect: result.effect, note: result.note };
  };
  const requests = deps.requests;
  if (requests === undefined) return record({ effect: 'none', note: 'requests by mail are not set up here' });

  if (request.action === 'unsubscribe' && request.token !== undefined) {
    // The token is the authority: whatever From says, exactly that recipient and list.
    return record(await requests.unsubscribeByToken(request.token, receivedAt, answerable));
  }
  if (from === undefined) return record({ effect: 'refused', note: 'no From address' });
  // The receiving domains never subscribe or get answers: no loop through our own mailboxes.
  if (deps.settings.domains.includes(from.slice(from.lastIndexOf('@') + 1)))
    return record({ effect: 'refused', note: 'From is at one of our receiving domains' });
  if (request.action === 'unsubscribe') {
    const auth = await deps.authenticate(stored);
    if (auth.aligned) return record(await requests.unsubscribeByAddress(from, receivedAt, answerable));
    if (!answerable)
      return record({ effect: 'refused', note: 'not verified; not answered (automatic or null sender)' });
    const limited = await overLimit(deps, from, at);
    if (limited !== undefined) return record({ effect: 'throttled', note: limited });
    return record(await requests.sendUnsubscribeLink(from));
  }
  if (!answerable) return record({ effect: 'refused', note: 'automatic or null sender: never answered' });
  const limited = await overLimit(deps, from, at);
  if (limited !== undefined) return record({ effect: 'throttled', note: limited });
  const auth = await deps.authenticate(stored);
  return record(
    await requests.subscribe({
      email: from,
      listId: request.listId,
      wishes: request.wishes,
      messageId: request.messageId,
      receivedAt,
      authResults: auth.results,
    }),
  );
}

async function overLimit(deps: RequestDeps, from: string, at: number): Promise<string | undefined> {
  const domain = from.slice(from.lastIndexOf('@') + 1);
  if ((await deps.store.countRequests({ effects: SENT, since: at - DAY_MS, recipient: from })) > 0)
    return 'this address was sent a mail for a request within 24 hours';
  const perDomain = await deps.store.countRequests({ effects: SENT, since: at - HOUR_MS, domain });
  if (perDomain >= deps.settings.requestsPerDomainPerHour)
    return `${deps.settings.requestsPerDomainPerHour} mails for requests to ${domain} within the hour`;
  return undefined;
}
