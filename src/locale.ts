/** The languages an item can be written in. */
export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The variants an email is rendered in: one language, or both side by side. */
export const LOCALES = ['ko', 'en', 'bilingual'] as const;
export type Locale = (typeof LOCALES)[number];

/** A piece of text that may exist in Korean, English or both. */
export type Localized<T = string> = Partial<Record<Language, T>>;

/** The languages a locale shows, in order of preference. */
export function languagesOf(locale: Locale): Language[] {
  return locale === 'bilingual' ? ['ko', 'en'] : [locale];
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

/** Guess the language of a string: any Hangul makes it Korean. */
export function detectLanguage(text: string): Language {
  return HANGUL.test(text) ? 'ko' : 'en';
}

/**
 * Pick the text for a language, falling back to the other one. Returns the language actually
 * used, so the caller can set `lang` truthfully.
 */
export function pick<T>(
  value: Localized<T>,
  language: Language,
): { language: Language; value: T } | undefined {
  const own = value[language];
  if (own !== undefined) return { language, value: own };
  const other: Language = language === 'ko' ? 'en' : 'ko';
  const fallback = value[other];
  return fallback === undefined ? undefined : { language: other, value: fallback };
}
