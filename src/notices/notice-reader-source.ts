import type { Locale } from '../locale.ts';

/** What a consent notice needs to know of one reader. */
export interface NoticeReader {
  /** The store's row id (kept as text in the notice ledger). */
  id: number;
  /** The public, unguessable reference that link tokens carry. */
  uid: string;
  email: string;
  name: string | null;
  locale: Locale;
  /** The lists the reader is on: what the consent covers the advertising of. */
  lists: string[];
  /** Only `active` readers are told. */
  status: string;
  /** Consent to advertising mail (정보통신망법 §50①); only readers who still have it are told. */
  adConsent: boolean;
}

/**
 * The narrow view of the subscriber store that `notices/` needs (declared here, implemented by
 * the subscribers area and joined by the CLI); no driver types cross this line.
 */
export interface NoticeReaderSource {
  /**
   * One keyset page (id order) of active readers with ad consent, each with the instant their
   * ad consent was given (`adConsentSince`, ISO 8601); `next` undefined on the last page.
   */
  adConsentPage(page: {
    afterId: number;
    limit: number;
  }): Promise<{ readers: Array<NoticeReader & { adConsentSince: string }>; next?: number }>;
  /** These readers as of now, for the claim-time re-check; unknown uids are left out. */
  findByUids(uids: readonly string[]): Promise<NoticeReader[]>;
  /** A 5.1.x reply said the mailbox does not exist: stop mailing it. */
  markBounced(id: number): Promise<void>;
}
