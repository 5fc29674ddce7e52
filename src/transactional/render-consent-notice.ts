import { createElement } from 'react';
import { render } from 'react-email';
import type { Config } from '../config/config.ts';
import { languagesOf } from '../locale.ts';
import type { Language, Locale } from '../locale.ts';
import { ConsentNoticeEmail } from '../../emails/transactional/consent-notice-email.tsx';
import { consentNoticeText } from '../../emails/transactional/consent-notice-text.ts';
import type { ConsentNoticeWords } from '../../emails/transactional/consent-notice-text.ts';
import type { RenderedMail } from './render-transactional-email.ts';

export interface ConsentNoticeInput {
  locale: Locale;
  name: string | null;
  /** List ids the reader is on (what the consent covers); unknown ids are shown as they are. */
  lists: readonly string[];
  /** The consent's date, `YYYY-MM-DD`. */
  consentedOn: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/**
 * The two-yearly consent notice (정보통신망법 §50⑧) in the reader's language(s), rendered like
 * the other transactional mails (react-email's `render`, HTML and the text part from one tree).
 */
export async function renderConsentNotice(
  config: Pick<Config, 'name' | 'from' | 'postalAddress' | 'lists'>,
  input: ConsentNoticeInput,
): Promise<RenderedMail> {
  const languages = languagesOf(input.locale);
  const senderName = config.from.name ?? config.name.en;
  const words = Object.fromEntries(
    (['ko', 'en'] as const).map((lang) => [lang, wordsFor(config, input, lang, senderName)]),
  ) as Record<Language, ConsentNoticeWords>;
  const element = createElement(ConsentNoticeEmail, {
    languages,
    words,
    preferencesUrl: input.preferencesUrl,
    unsubscribeUrl: input.unsubscribeUrl,
    postalAddress: config.postalAddress,
    senderName,
  });
  const [html, text] = await Promise.all([
    render(element),
    render(element, {
      plainText: true,
      htmlToTextOptions: { selectors: [{ selector: 'h1', options: { uppercase: false } }] },
    }),
  ]);
  const subject = languages.map((lang) => consentNoticeText[lang].subject(words[lang])).join(' / ');
  return { subject, html, text: `${text.trim()}\n` };
}

function wordsFor(
  config: Pick<Config, 'name' | 'lists'>,
  input: ConsentNoticeInput,
  lang: Language,
  senderName: string,
): ConsentNoticeWords {
  const names = input.lists.map((id) => config.lists.find((list) => list.id === id)?.name[lang] ?? id);
  const lists =
    names.length === 0 ? config.name[lang] : new Intl.ListFormat(lang, { type: 'conjunction' }).format(names);
  const consentedOn = new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-GB', {
    timeZone: 'UTC',
    dateStyle: 'long',
  }).format(new Date(`${input.consentedOn}T00:00:00Z`));
  return { newsletter: config.name[lang], lists, consentedOn, senderName, name: input.name };
}
