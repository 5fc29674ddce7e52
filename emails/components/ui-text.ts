import { josa } from 'es-hangul';
import type { Language } from '../../src/locale.ts';

const EN_PLURAL = new Intl.PluralRules('en');
/** English count words chosen by `Intl.PluralRules` ("1 story", "2 stories"). */
const en = (count: number, one: string, other: string) =>
  `${count} ${EN_PLURAL.select(count) === 'one' ? one : other}`;
const [KO_MONTH_DAY, EN_MONTH_DAY] = (['ko', 'en-US'] as const).map(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      month: locale === 'ko' ? 'long' : 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }),
) as [Intl.DateTimeFormat, Intl.DateTimeFormat];
/** A `YYYY-MM-DD` calendar date as month and day ("2월 20일", "Feb 20"). */
const monthDay = (format: Intl.DateTimeFormat, date: string) => format.format(new Date(`${date}T00:00:00Z`));

/** The fixed words of Gazette emails, per language. Content words come from the items. */
export const uiText = {
  ko: {
    contents: '오늘의 목차',
    soWhat: '시사점',
    keyPoints: '핵심 내용',
    readMore: '원문 읽기',
    source: '출처',
    items: (count: number) => `${count}건`,
    moreHeadlines: '웹에서 전체 내용 보기',
    moreInWebEdition: (count: number) => `웹판에서 ${count}건 더 보기`,
    compactedNotice: (shown: number, total: number) =>
      `메일 용량 때문에 ${total}건 중 ${shown}건만 전체 내용을 담았습니다. 나머지는 제목을 누르면 웹에서 볼 수 있습니다.`,
    fullEdition: '웹에서 전체 호 보기',
    viewInBrowser: '브라우저에서 보기',
    preferences: '구독 설정',
    unsubscribe: '구독 취소',
    // The particle follows the list's name: ‘데일리 브리핑’을, ‘오늘의 뉴스’를 (es-hangul's josa).
    why: (newsletter: string, list: string) =>
      `${newsletter} ‘${list}’${josa.pick(list, '을/를')} 구독하셔서 받으신 메일입니다.`,
    contact: '문의',
    hello: '안녕하세요.',
    helloName: (name: string) => `${name}님, 안녕하세요.`,
    backToTop: '맨 위로',
    /** Marks an item shown in the other language: by the language it is written in. */
    onlyIn: { ko: '국문 기사', en: '영문 기사' } as Record<Language, string>,
    late: (date: string) => `${monthDay(KO_MONTH_DAY, date)} 기사`,
    correction: '정정',
    editionNumber: (number: number) => `제${number}호`,
    inOtherLanguage: (count: number) => `영문 기사 ${count}건은 웹판에서 볼 수 있습니다`,
  },
  en: {
    contents: 'In this edition',
    soWhat: 'So what?',
    keyPoints: 'Key points',
    readMore: 'Read the story',
    source: 'Source',
    items: (count: number) => en(count, 'story', 'stories'),
    moreHeadlines: 'Read in full on the web',
    moreInWebEdition: (count: number) => `${en(count, 'more story', 'more stories')} in the web edition`,
    compactedNotice: (shown: number, total: number) =>
      `To keep this email small, ${shown} of ${en(total, 'story', 'stories')} ${EN_PLURAL.select(shown) === 'one' ? 'is' : 'are'} shown in full. Tap a headline below to read the rest on the web.`,
    fullEdition: 'Read the full edition on the web',
    viewInBrowser: 'View in browser',
    preferences: 'Preferences',
    unsubscribe: 'Unsubscribe',
    why: (newsletter: string, list: string) =>
      `You are receiving this because you subscribed to ${newsletter}: ${list}.`,
    contact: 'Contact',
    hello: 'Hello,',
    helloName: (name: string) => `Hello ${name},`,
    backToTop: 'Back to top',
    onlyIn: { ko: 'Korean only', en: 'English only' } as Record<Language, string>,
    late: (date: string) => `From ${monthDay(EN_MONTH_DAY, date)}`,
    correction: 'Correction',
    editionNumber: (number: number) => `No. ${number}`,
    inOtherLanguage: (count: number) => `${en(count, 'more story', 'more stories')} in Korean on the web`,
  },
} satisfies Record<Language, unknown>;

export type UiText = (typeof uiText)[Language];
