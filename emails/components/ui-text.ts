import type { Language } from '../../src/locale.ts';

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
    why: (newsletter: string, list: string) => `${newsletter} ‘${list}’를 구독하셔서 받으신 메일입니다.`,
    contact: '문의',
    hello: '안녕하세요.',
    helloName: (name: string) => `${name}님, 안녕하세요.`,
  },
  en: {
    contents: 'In this edition',
    soWhat: 'So what?',
    keyPoints: 'Key points',
    readMore: 'Read the story',
    source: 'Source',
    items: (count: number) => (count === 1 ? '1 story' : `${count} stories`),
    moreHeadlines: 'Read in full on the web',
    moreInWebEdition: (count: number) =>
      count === 1 ? '1 more story in the web edition' : `${count} more stories in the web edition`,
    compactedNotice: (shown: number, total: number) =>
      `To keep this email small, ${shown} of ${total} stories are shown in full. Tap a headline below to read the rest on the web.`,
    fullEdition: 'Read the full edition on the web',
    viewInBrowser: 'View in browser',
    preferences: 'Preferences',
    unsubscribe: 'Unsubscribe',
    why: (newsletter: string, list: string) =>
      `You are receiving this because you subscribed to ${newsletter}: ${list}.`,
    contact: 'Contact',
    hello: 'Hello,',
    helloName: (name: string) => `Hello ${name},`,
  },
} satisfies Record<Language, unknown>;

export type UiText = (typeof uiText)[Language];
