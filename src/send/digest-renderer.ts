import type { ListConfig } from '../config/config-schema.ts';
import type { Edition } from '../edition/edition.ts';
import type { Locale } from '../locale.ts';

/** One segment's email, rendered once, with per-recipient placeholders still in it. */
export interface RenderedDigest {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  htmlBytes: number;
  /** Items shortened to fit the size budget. */
  compactedItemIds: string[];
}

/** One recipient's copy. */
export interface PersonalizedDigest {
  subject: string;
  html: string;
  text: string;
}

/**
 * How the send turns an edition into mail: render once per segment, then swap the recipient's
 * token and name in (≈ 6 ms per 1,000 recipients instead of ≈ 6 s re-rendering each).
 */
export interface DigestRenderer {
  render(edition: Edition, list: ListConfig, locale: Locale): Promise<RenderedDigest>;
  personalize(rendered: RenderedDigest, recipient: { token: string; name?: string }): PersonalizedDigest;
  /** The one-click unsubscribe URL for a token (the List-Unsubscribe header target). */
  unsubscribeUrl(token: string): string;
}
