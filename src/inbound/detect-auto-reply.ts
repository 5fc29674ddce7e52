import type { ParsedInbound } from './parse-inbound.ts';

/**
 * RFC 3834 §5 `Auto-Submitted` (anything but `no`), the older `X-Autoreply`/`X-Autorespond`,
 * `Precedence: auto_reply|bulk|junk`, and out-of-office subjects in Korean and English (some
 * clients set no header at all). Only called after the bounce recognisers: DSNs carry
 * `Auto-Submitted: auto-replied` too.
 */
export function detectAutoReply(mail: ParsedInbound): boolean {
  const auto = mail.header('auto-submitted')?.trim().toLowerCase();
  if (auto !== undefined && auto !== '' && !auto.startsWith('no')) return true;
  if (mail.header('x-autoreply') !== undefined || mail.header('x-autorespond') !== undefined) return true;
  if (/^(auto_reply|bulk|junk)$/i.test(mail.header('precedence')?.trim() ?? '')) return true;
  return AUTO_SUBJECT.test(mail.subject);
}

const AUTO_SUBJECT =
  /^\s*(\[?(부재중|부재 중|자동 ?회신|자동 ?응답|자동응답 메일)\]?|out of (the )?office|auto(matic)?[ -]?(reply|response)|autoreply|absence|vacation)\b|부재중|자동 회신/i;
