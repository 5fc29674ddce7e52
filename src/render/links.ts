import type { Locale } from '../locale.ts';
import { defusePlaceholders } from './placeholders.ts';

/**
 * Every public URL an email or the web archive links to, built from `config.publicUrl` (no
 * trailing slash). Tokens are URL-safe base64, so they go into paths without escaping.
 */
export const links = {
  unsubscribe: (publicUrl: string, token: string): string => `${publicUrl}/unsubscribe/${token}`,
  preferences: (publicUrl: string, token: string): string => `${publicUrl}/preferences/${token}`,
  /**
   * The web edition of a date; `lang=both` for the bilingual locale. `list` names a list other
   * than the first configured one (whose edition `/archive/DATE` shows by default).
   */
  archive: (publicUrl: string, date: string, locale: Locale, list?: string): string =>
    `${publicUrl}/archive/${date}?lang=${archiveLang(locale)}${listParam(list)}`,
  /** One item on the web edition (its anchor, `itemAnchor(id)`). */
  archiveItem: (publicUrl: string, date: string, locale: Locale, id: string, list?: string): string =>
    `${publicUrl}/archive/${date}?lang=${archiveLang(locale)}${listParam(list)}#${encodeURIComponent(itemAnchor(id))}`,
};

function listParam(list: string | undefined): string {
  return list === undefined ? '' : `&list=${encodeURIComponent(list)}`;
}

/** The `lang` query value of the archive for a locale. */
export function archiveLang(locale: Locale): 'ko' | 'en' | 'both' {
  return locale === 'bilingual' ? 'both' : locale;
}

/**
 * The `id` attribute of an item's anchor in the email and on the web edition. Item ids are
 * content: one spelling a placeholder would have the recipient's token or name filled into it.
 */
export function itemAnchor(id: string): string {
  return `item-${defusePlaceholders(id)}`;
}
