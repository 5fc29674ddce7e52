import type { Config } from '../../../config/config.ts';
import { GazetteError } from '../../../errors.ts';
import { LOCALES } from '../../../locale.ts';
import type { Locale } from '../../../locale.ts';
import { chooseLocale } from '../../../subscribers/choose-locale.ts';
import { SUBSCRIBER_STATUSES } from '../../../subscribers/subscriber.ts';
import type { SubscriberStatus } from '../../../subscribers/subscriber.ts';

/** --locale, --categories a,b (or a;b, a|b) and --list L checked against the config; errors list what is valid. */
export function parseChoiceOptions(
  options: { locale?: string; categories?: string; list?: string[] },
  config: Pick<Config, 'categories' | 'lists'>,
): { locale: Locale; categories: string[]; lists: string[] } {
  const locale = options.locale;
  if (locale !== undefined && !(LOCALES as readonly string[]).includes(locale)) {
    throw new GazetteError('USAGE', `--locale "${locale}" is not valid. Use one of: ${LOCALES.join(', ')}.`, {
      field: 'locale',
    });
  }
  const known = config.categories.map((c) => c.id);
  const categories = (options.categories ?? '')
    .split(/[,;|]/)
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '');
  const unknown = categories.filter((c) => !known.includes(c));
  if (unknown.length > 0) {
    throw new GazetteError(
      'USAGE',
      `Unknown categor${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}. Configured: ${known.join(', ') || '(none)'}.`,
      {
        field: 'categories',
      },
    );
  }
  const lists = parseLists(options.list, config);
  // The lists' `locales`: a locale no list offers is refused here, not mailed unseen.
  return { locale: chooseLocale(locale as Locale | undefined, lists, config), categories, lists };
}

/** --list values (repeatable); default: the first configured list. */
export function parseLists(list: string[] | undefined, config: Pick<Config, 'lists'>): string[] {
  const ids = config.lists.map((l) => l.id);
  const lists = list === undefined || list.length === 0 ? ids.slice(0, 1) : list;
  const unknown = lists.filter((l) => !ids.includes(l));
  if (unknown.length > 0) {
    throw new GazetteError(
      'USAGE',
      `Unknown list ${unknown.join(', ')}. Configured lists: ${ids.join(', ')}.`,
      { field: 'list' },
    );
  }
  return lists;
}

export function parseStatus(status: string | undefined): SubscriberStatus | undefined {
  if (status === undefined) return undefined;
  if (!(SUBSCRIBER_STATUSES as readonly string[]).includes(status)) {
    throw new GazetteError(
      'USAGE',
      `--status "${status}" is not valid. Use one of: ${SUBSCRIBER_STATUSES.join(', ')}.`,
      {
        field: 'status',
      },
    );
  }
  return status as SubscriberStatus;
}

/** commander's collector for a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
