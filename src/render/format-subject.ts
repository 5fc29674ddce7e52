import type { Config } from '../config/config.ts';
import type { Item } from '../content/item.ts';
import type { Edition } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';
import type { Locale } from '../locale.ts';
import { languagesOf, pick } from '../locale.ts';
import { formatEditionDate } from './format-edition-date.ts';
import { uiText } from '../../emails/components/ui-text.ts';

/** 정보통신망법 §50(4): advertising mail starts its subject with "(광고)". */
export const ADVERTISING_PREFIX = '(광고) ';

/**
 * The subject line: `config.subject[locale]` with `{name}` (the newsletter's name; "ko / en" when
 * bilingual), `{date}` (localized; Korean when bilingual), `{count}` (a bare number) and `{items}`
 * (the count in words: "8건", "1 story" / "8 stories", both when bilingual) and `{lead}` (the
 * first lead headline, `lead`, in the email's first language) filled in; "(광고) " first for ads.
 */
export function formatSubject(
  edition: Edition,
  config: Pick<Config, 'name' | 'subject'>,
  locale: Locale,
  lead?: Item,
): string {
  const languages = languagesOf(locale);
  const count = editionItems(edition).length;
  const values: Record<string, string> = {
    name: languages.map((lang) => config.name[lang]).join(' / '),
    // One date even when bilingual: two long dates would push the rest out of the inbox line.
    date: formatEditionDate(edition.date, languages[0] ?? 'ko'),
    count: String(count),
    items: languages.map((lang) => uiText[lang].items(count)).join(' / '),
    lead: lead === undefined ? '' : (pick(lead.title, languages[0] ?? 'ko')?.value ?? lead.id),
  };
  const subject = config.subject[locale]
    .replace(/\{(name|date|count|items|lead)\}/g, (_, key: string) => values[key] ?? '')
    // A subject is one header line: never let a value carry a line break into it.
    .replace(/[\r\n]+/g, ' ')
    .trim();
  return edition.advertising ? `${ADVERTISING_PREFIX}${subject}` : subject;
}
