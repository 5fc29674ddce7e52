import type { Language, Locale } from '../src/locale.ts';

/** A text in the language it is actually written in (a fallback carries the other language). */
export interface LangText {
  lang: Language;
  text: string;
}

/** One language column of a full item. */
export interface ItemColumn {
  /** The language this column is for; fields that fell back carry their own `lang`. */
  lang: Language;
  title: LangText;
  summary?: LangText;
  soWhat?: LangText;
  keyPoints?: { lang: Language; points: string[] };
}

export interface FullItemView {
  id: string;
  /** The `id` attribute of the item's anchor (`item-<id>`). */
  anchor: string;
  /** Only an http(s) canonical URL; undefined means the title is not a link. */
  url?: string;
  source?: string;
  columns: ItemColumn[];
  /**
   * What the reader should know about the item, one text per language shown ("영문 기사 · 2월
   * 20일 기사", "English only · From Feb 20", "정정", "Correction"). Side by side, each column
   * shows its own language's; a one-column item shows them all. Empty for most items.
   */
  marks: LangText[];
}

export interface CompactItemView {
  id: string;
  title: LangText[];
  /** The item on the web edition, where it is shown in full. */
  href: string;
  /** As `FullItemView.marks`. */
  marks: LangText[];
}

export interface SectionView {
  /** The lead block ("오늘의 주요 뉴스 · Top stories") or a category. */
  kind: 'lead' | 'category';
  id: string;
  anchor: string;
  label: LangText[];
  /** The section's first (heaviest) headline, for the contents line. */
  firstHeadline?: LangText;
  count: number;
  items: FullItemView[];
  compacted: CompactItemView[];
  /** Items not even a headline fits for: counted, and linked to the web edition as a whole. */
  omitted: number;
}

/**
 * Everything the digest template shows, already picked per language and linked. Built by
 * `src/render` from an edition; the HTML and the plain-text part are both written from it.
 */
export interface DigestProps {
  mode: 'email' | 'web';
  locale: Locale;
  /** The languages shown, as columns: one, or ko and en side by side. */
  languages: Language[];
  /** `<html lang>`: the locale's language, `ko` for bilingual. */
  htmlLang: Language;
  subject: string;
  preheader: string;
  newsletterName: LangText[];
  listName: LangText[];
  dateLabel: LangText[];
  /** The list's edition number ("제12호", "No. 12") once the edition is a stored record. */
  editionNumber: LangText[];
  /** Per-language greeting placeholders (email mode), swapped per recipient. */
  greeting: LangText[];
  sections: SectionView[];
  totalCount: number;
  compactedCount: number;
  fullEditionUrl: string;
  /** Items left out for lacking the reader's language (`fallback: 'omit'`), and where they are. */
  inOtherLanguage?: { count: number; url: string };
  /** Email mode only. */
  viewInBrowserUrl?: string;
  preferencesUrl?: string;
  unsubscribeUrl?: string;
  postalAddress: string;
  senderName: string;
  contactEmail: string;
}
