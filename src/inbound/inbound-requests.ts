import type { SubscribeWishes } from './mail-request.ts';
import type { InboundEffect } from './tables.ts';

/** What a request by mail did (the event's effect), and to whom. */
export interface RequestResult {
  effect: InboundEffect;
  /** The subscriber's address, for the event (undefined: nobody of ours). */
  email?: string;
  subscriberId?: number;
  note?: string;
}

/**
 * What inbound/ asks of the subscriber side for requests by mail (issue 14), declared here and
 * kept narrow; the composition root supplies it (src/transactional/create-mail-requests.ts).
 * Every change is the store's own (the consent record and suppression rules of the one-click
 * POST); `notify` false: auto-submitted mail, which is never answered.
 */
export interface InboundRequests {
  /** `unsubscribe+TOKEN@`: that recipient leaves that list, whoever the From is. */
  unsubscribeByToken(token: string, at: Date, notify: boolean): Promise<RequestResult>;
  /** Plain `unsubscribe@` from a verified (DMARC-aligned) From address. */
  unsubscribeByAddress(email: string, at: Date, notify: boolean): Promise<RequestResult>;
  /** Plain `unsubscribe@`, unverified: a subscriber gets their own link, a stranger nothing. */
  sendUnsubscribeLink(email: string): Promise<RequestResult>;
  /** `subscribe[+LIST]@`: a pending subscription and the double opt-in mail. */
  subscribe(request: {
    email: string;
    listId?: string;
    wishes: SubscribeWishes;
    messageId?: string;
    receivedAt: Date;
    authResults: string;
  }): Promise<RequestResult>;
}
