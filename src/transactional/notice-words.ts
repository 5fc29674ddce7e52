import type { Config } from '../config/config.ts';
import { LANGUAGES } from '../locale.ts';
import type { Language } from '../locale.ts';

/** One value per language. */
export function perLanguage(value: (lang: Language) => string): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, value(lang)])) as Record<Language, string>;
}

/** A change's time in the newsletter's time zone, as a reader of that language writes it. */
export function formatWhen(at: Date, lang: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(at);
}

/** The lists' names in one language (none named: every list). */
export function listNames(config: Pick<Config, 'lists'>, ids: readonly string[], lang: Language): string {
  const names = config.lists.filter((list) => ids.includes(list.id)).map((list) => list.name[lang]);
  return (names.length > 0 ? names : config.lists.map((list) => list.name[lang])).join(', ');
}
