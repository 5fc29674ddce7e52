import type { Locale } from '../locale.ts';

/** What a mail to subscribe@ asked for, as read from its subject and first lines. */
export interface SubscribeWishes {
  /** Korean text or 구독 → ko, English → en, 둘 다 / both → bilingual; undefined: the list's default. */
  locale?: Locale;
  /** Category ids named by id or label (either language); empty: the list's default (all). */
  categories: string[];
}

/**
 * A request by mail (issue 14), from the address it was sent to at inbound.domain:
 * `unsubscribe+TOKEN@` (the per-recipient List-Unsubscribe mailto), plain `unsubscribe@`,
 * `subscribe@` or `subscribe+LIST@`.
 */
export type MailRequest = (
  | { action: 'unsubscribe'; token?: string }
  | { action: 'subscribe'; listId?: string; wishes: SubscribeWishes }
) & {
  /** The From address, lower-cased. */
  from?: string;
  messageId?: string;
  /** Auto-submitted (RFC 3834), an auto-reply or bulk: applied when it carries a token, never answered. */
  automatic: boolean;
};
