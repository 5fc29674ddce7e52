/** One rendered variant of a digest: rendered once per (edition, list, locale). */
export interface RenderedEmail {
  /** With `(광고) ` first when the edition is advertising (정보통신망법 §50). */
  subject: string;
  /** The inbox preview line. */
  preheader: string;
  /** Full HTML document; per-recipient values are placeholders until `personalize`. */
  html: string;
  /** The plain-text part, written from the same data (not converted from the HTML). */
  text: string;
  /** UTF-8 size of `html` (Gmail clips over ~102 KB). */
  htmlBytes: number;
  /** Items shown as headline + link because the full edition did not fit the budget. */
  compactedItemIds: string[];
  /**
   * Of those, the items left out even as headlines (a day too big for any budget), counted and
   * linked to the web edition as a whole. Empty on ordinary days.
   */
  omittedItemIds?: string[];
}
