import type { ParsedInbound } from './parse-inbound.ts';

/**
 * Message-IDs in the shape Gazette gives its mail (`<2026-12-01.daily.<24 hex>@domain>`, see
 * send/delivery-message-id.ts), wherever a report puts them: the attached original or its
 * headers, the delivery-status part, the quoted text, In-Reply-To/References. Only ids that are
 * in the ledger count, so a stray match ties nothing.
 */
export function findOriginalMessageIds(mail: ParsedInbound): string[] {
  const found = new Set<string>();
  const sources = [
    mail.header('in-reply-to') ?? '',
    mail.header('references') ?? '',
    ...mail.parts.map((p) => p.text),
    mail.text,
    // Parts the parser inlined (Microsoft's JMRP attaches the original as inline message/rfc822).
    mail.source,
  ];
  for (const source of sources) {
    for (const match of source.matchAll(OUR_MESSAGE_ID)) found.add(match[0]);
  }
  // A report about its own message would tie it to itself.
  if (mail.messageId !== undefined) found.delete(mail.messageId);
  return [...found];
}

const OUR_MESSAGE_ID = /<\d{4}-\d{2}-\d{2}\.[a-z0-9][a-z0-9_-]*\.[0-9a-f]{24}@[^<>\s]+>/g;
