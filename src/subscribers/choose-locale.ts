import type { Config } from '../config/config.ts';
import { GazetteError } from '../errors.ts';
import type { Locale } from '../locale.ts';

/**
 * The locale a subscription to `lists` gets: the one asked for when every list offers it
 * (config `lists[].locales`), else SUBSCRIBER_INVALID naming what the lists offer. Nothing asked
 * for: bilingual where offered, else the first locale all the lists offer. What `build` and
 * `preview` show is then all that can go out (issue 15).
 */
export function chooseLocale(
  asked: Locale | undefined,
  lists: readonly string[],
  config: Pick<Config, 'lists'>,
): Locale {
  const chosen = config.lists.filter((list) => lists.includes(list.id));
  if (asked !== undefined) {
    const refusing = chosen.find((list) => !list.locales.includes(asked));
    if (refusing === undefined) return asked;
    throw new GazetteError(
      'SUBSCRIBER_INVALID',
      `locale "${asked}" is not offered by list "${refusing.id}" (it offers ${refusing.locales.join(', ')}): ` +
        `choose one of those, or add "${asked}" to that list's locales in the config.`,
      { field: 'locale' },
    );
  }
  const common = (chosen[0]?.locales ?? ['bilingual']).filter((locale) =>
    chosen.every((list) => list.locales.includes(locale)),
  );
  const locale = common.includes('bilingual') ? 'bilingual' : common[0];
  if (locale === undefined) {
    throw new GazetteError(
      'SUBSCRIBER_INVALID',
      `lists ${lists.join(', ')} offer no locale in common: join them one at a time, or align their locales in the config.`,
      { field: 'locale' },
    );
  }
  return locale;
}
