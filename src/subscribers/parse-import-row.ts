import type { Config } from '../config/config.ts';
import { GazetteError } from '../errors.ts';
import { LOCALES } from '../locale.ts';
import type { Locale } from '../locale.ts';
import { chooseLocale } from './choose-locale.ts';
import { findNameProblem } from './find-name-problem.ts';
import type { ImportField } from './map-csv-columns.ts';
import { normalizeEmail } from './normalize-email.ts';
import { parseAdConsent, parseConsentedAt, requireConfirmedConsent } from './parse-consent-fields.ts';
import { parseTimeZone } from './parse-time-zone.ts';
import type { SubscribeInput } from './subscriber.ts';

export interface ImportRowOptions {
  /** `timeZone`: where a `consented_at` date's day starts (default UTC). */
  config: Pick<Config, 'categories' | 'lists' | 'consentVersion'> & Partial<Pick<Config, 'timeZone'>>;
  confirmed: boolean;
  /** Lists a row without a lists column (or an empty cell) joins. */
  lists: string[];
}

/** How people write a language in a spreadsheet, in both languages, mapped to a locale. */
const LOCALE_WORDS: Record<string, Locale> = {
  kr: 'ko',
  korean: 'ko',
  한국어: 'ko',
  한글: 'ko',
  국문: 'ko',
  english: 'en',
  영어: 'en',
  영문: 'en',
  both: 'bilingual',
  'ko+en': 'bilingual',
  'en+ko': 'bilingual',
  'ko/en': 'bilingual',
  'en/ko': 'bilingual',
  이중언어: 'bilingual',
  국영문: 'bilingual',
  한영: 'bilingual',
  둘다: 'bilingual',
};

/** Topic and list cells: "tech;policy", "tech, policy", "tech|policy" all read the same. */
const LIST_SEPARATOR = /[,;|]/;

/** One CSV row as a subscription; throws SUBSCRIBER_INVALID naming the field and the valid values. */
export function parseImportRow(
  field: (name: ImportField) => string,
  options: ImportRowOptions,
): SubscribeInput {
  const { config } = options;
  const email = normalizeEmail(field('email'));
  // Undo the quote `subscribers export` puts before a formula-looking cell.
  const name = field('name')
    .trim()
    .replace(/^'(?=[=+\-@])/, '');
  const nameProblem = findNameProblem(name);
  if (nameProblem !== undefined) {
    throw new GazetteError('SUBSCRIBER_INVALID', `name: ${nameProblem}.`, { field: 'name' });
  }
  const lists = parseLists(field('lists'), config) ?? options.lists;
  const adConsent = parseAdConsent(field('ad_consent'));
  const consentedAt = parseConsentedAt(field('consented_at'), config.timeZone ?? 'UTC');
  requireConfirmedConsent({ adConsent, consentedAt }, options.confirmed, {
    adConsent: 'ad_consent',
    consentedAt: 'consented_at',
  });
  return {
    email,
    name: name === '' ? null : name,
    locale: chooseLocale(parseLocale(field('locale')), lists, config),
    categories: parseCategories(field('categories'), config),
    lists,
    // An empty cell keeps the zone a known reader chose (merge) or leaves the list's default.
    timeZone: parseTimeZone(field('time_zone')) ?? null,
    consent: { source: 'import', version: config.consentVersion },
    confirmed: options.confirmed,
    ...(adConsent === undefined ? {} : { adConsent }),
    ...(consentedAt === undefined ? {} : { consentedAt }),
  };
}

function parseLocale(raw: string): Locale | undefined {
  const value = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (value === '') return undefined;
  if ((LOCALES as readonly string[]).includes(value)) return value as Locale;
  // ko-KR, en_US: the language part.
  const language = /^(ko|en)[-_][a-z]{2}$/.exec(value)?.[1];
  const locale = language ?? LOCALE_WORDS[value];
  if (locale !== undefined) return locale as Locale;
  throw new GazetteError(
    'SUBSCRIBER_INVALID',
    `locale "${raw.trim()}" is not one of ${LOCALES.join(', ')}.`,
    { field: 'locale' },
  );
}

function parseCategories(raw: string, config: Pick<Config, 'categories'>): string[] {
  const known = new Map<string, string>();
  for (const category of config.categories) {
    for (const key of [category.id, category.label.ko, category.label.en])
      known.set(key.toLowerCase(), category.id);
  }
  const ids = raw
    .split(LIST_SEPARATOR)
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '')
    .map((c) => {
      const id = known.get(c);
      if (id === undefined) {
        throw new GazetteError(
          'SUBSCRIBER_INVALID',
          `category "${c}" is not configured; use ${config.categories.map((k) => k.id).join(', ') || '(none configured)'}.`,
          { field: 'categories' },
        );
      }
      return id;
    });
  return [...new Set(ids)];
}

function parseLists(raw: string, config: Pick<Config, 'lists'>): string[] | undefined {
  const ids = raw
    .split(LIST_SEPARATOR)
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '');
  if (ids.length === 0) return undefined;
  const configured = config.lists.map((l) => l.id);
  const unknown = ids.find((id) => !configured.includes(id));
  if (unknown !== undefined) {
    throw new GazetteError(
      'SUBSCRIBER_INVALID',
      `list "${unknown}" is not configured; use ${configured.join(', ')}.`,
      { field: 'lists' },
    );
  }
  return [...new Set(ids)];
}
