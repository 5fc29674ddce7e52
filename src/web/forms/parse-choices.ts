import type { Config } from '../../config/config.ts';
import { LOCALES } from '../../locale.ts';
import type { Locale } from '../../locale.ts';
import type { ChoiceValues, FieldErrors, FormBody } from './form-values.ts';
import { josa } from 'es-hangul';
import { formValues } from './form-values.ts';
import { findNameProblem, MAX_NAME_LENGTH } from '../../subscribers/find-name-problem.ts';

const MAX_NAME = MAX_NAME_LENGTH;

/**
 * Name, language, topics, lists and ad consent from a form, checked against the config.
 * Values outside the offered choices are errors, never silently dropped.
 */
export function parseChoices(
  body: FormBody,
  config: Pick<Config, 'categories' | 'lists'>,
): { values: ChoiceValues; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = (formValues(body, 'name')[0] ?? '').trim();
  // The one name rule of every path (import, add, web): no controls, NEL, line separators or
  // bidi overrides, at most 100 characters.
  if (findNameProblem(name) !== undefined) {
    errors.name = {
      ko: `이름은 ${MAX_NAME}자 이내로, 줄바꿈이나 제어 문자 없이 입력해 주세요.`,
      en: `Names are up to ${MAX_NAME} characters, without line breaks or control characters.`,
    };
  }
  const rawLocale = formValues(body, 'locale')[0] ?? 'bilingual';
  const locale: Locale = (LOCALES as readonly string[]).includes(rawLocale)
    ? (rawLocale as Locale)
    : 'bilingual';
  if (locale !== rawLocale) errors.locale = { ko: '받을 언어를 선택해 주세요.', en: 'Choose a language.' };
  const categoryIds = new Set(config.categories.map((c) => c.id));
  const categories = formValues(body, 'categories');
  if (categories.some((c) => !categoryIds.has(c))) {
    errors.categories = { ko: '목록에 있는 분야만 선택할 수 있습니다.', en: 'Choose topics from the list.' };
  }
  const listIds = new Set(config.lists.map((l) => l.id));
  // With one list there is nothing to choose; the form does not ask.
  const lists = config.lists.length === 1 ? [...listIds] : formValues(body, 'lists');
  if (lists.length === 0 || lists.some((l) => !listIds.has(l))) {
    errors.lists = {
      ko: '뉴스레터를 하나 이상 선택해 주세요.',
      en: 'Choose at least one newsletter.',
    };
  }
  // A list mails only the locales it offers (what preview shows is all that can go out).
  const refusing = config.lists.find(
    (list) => lists.includes(list.id) && !errors.locale && !list.locales.includes(locale),
  );
  if (refusing !== undefined && errors.lists === undefined) {
    const names = {
      ko: { ko: '한국어', en: '영어', bilingual: '한국어·영어 함께' },
      en: { ko: 'Korean', en: 'English', bilingual: 'Korean and English together' },
    };
    errors.locale = {
      // 으로/로 by the final consonant of what precedes it (es-hangul): 한국어로, never "(으)로".
      ko: `‘${refusing.name.ko}’ 뉴스레터는 ${josa(refusing.locales.map((l) => names.ko[l]).join(', '), '으로/로')}만 발행됩니다. 그중에서 선택해 주세요.`,
      en: `${refusing.name.en} comes in ${refusing.locales.map((l) => names.en[l]).join(', ')} only: choose one of those.`,
    };
  }
  return {
    values: {
      name: name.slice(0, MAX_NAME * 2),
      locale,
      categories: categories.filter((c) => categoryIds.has(c)),
      lists: lists.filter((l) => listIds.has(l)),
      adConsent: formValues(body, 'adConsent').includes('yes'),
    },
    errors,
  };
}
