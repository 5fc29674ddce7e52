import { josa } from 'es-hangul';
import type { Language } from '../../src/locale.ts';

/** A consent change a result notice reports (정보통신망법 §50⑦). */
export type ChangeKind =
  'subscribed' | 'unsubscribed' | 'left-list' | 'ad-consent-given' | 'ad-consent-withdrawn';
/** How the reader asked for it. */
export type ChangeVia = 'web' | 'one-click' | 'mail';

/** The words of the confirmation and welcome mails, per language; HTML and text parts share them. */
export const transactionalText = {
  ko: {
    confirmSubject: (newsletter: string) => `${newsletter} 구독을 확인해 주세요`,
    confirmHeading: '구독 확인',
    confirmBody: (newsletter: string) =>
      `${newsletter} 구독 신청을 받았습니다. 아래 버튼을 눌러 이메일 주소를 확인하면 구독이 시작됩니다.`,
    confirmButton: '구독 확인하기',
    confirmExpiry: (days: number) => `이 링크는 ${days}일 동안 유효합니다.`,
    notYou: '신청하지 않으셨다면 이 메일을 무시하세요. 확인하지 않으면 메일을 더 보내지 않습니다.',
    linkFallback: '버튼이 작동하지 않으면 이 주소를 브라우저에 붙여 넣으세요:',
    welcomeSubject: (newsletter: string) => `${newsletter} 구독이 시작되었습니다`,
    welcomeHeading: (name: string | null) => (name ? `${name}님, 환영합니다` : '환영합니다'),
    welcomeBody: (newsletter: string) =>
      `${newsletter} 구독이 확인되었습니다. 내일 아침부터 뉴스 브리핑을 보내 드립니다.`,
    preferences: '구독 설정 변경',
    unsubscribe: '구독 취소',
    sender: '보낸 곳',
    understoodHeading: '메일에서 읽은 신청 내용',
    understoodLanguage: (language: string) => `언어: ${language}`,
    understoodTopics: (topics: string) => `주제: ${topics}`,
    understoodLists: (lists: string) => `목록: ${lists}`,
    allTopics: '전체',
    localeNames: { ko: '한국어', en: '영어', bilingual: '한국어와 영어' },
    understoodLater: '확인 후 구독 설정 페이지에서 언제든 바꿀 수 있습니다.',
    noticeSubject: (newsletter: string) => `${newsletter} 수신 동의 처리 결과 안내`,
    noticeHeading: '처리 결과 안내',
    noticeChange: (kind: ChangeKind, lists: string) =>
      kind === 'subscribed'
        ? `${lists} 구독 신청(수신 동의)의 확인`
        : kind === 'left-list'
          ? `${lists} 목록의 수신 거부`
          : kind === 'ad-consent-given'
            ? '광고성 정보 수신 동의'
            : kind === 'ad-consent-withdrawn'
              ? '광고성 정보 수신 동의의 철회'
              : '수신 거부(구독 취소) 요청',
    noticeBody: (sender: string, when: string, change: string, via: ChangeVia) =>
      `${josa(sender, '은/는')} ${when}에 ${viaKo[via]} 받은 요청에 따라 ${josa(change, '을/를')} 처리했습니다.`,
    noticeAfter: (kind: ChangeKind) =>
      kind === 'subscribed'
        ? '원하지 않으시면 메일 아래의 구독 취소 링크로 언제든 수신을 거부할 수 있습니다.'
        : kind === 'ad-consent-given'
          ? '광고가 포함된 호도 보내 드립니다. 동의는 구독 설정 페이지에서 언제든 철회할 수 있습니다.'
          : kind === 'ad-consent-withdrawn'
            ? '뉴스레터는 계속 보내 드리며, 광고가 포함된 호는 보내지 않습니다.'
            : '이 주소로는 더 이상 뉴스레터를 보내지 않습니다. 이 안내는 법(정보통신망법 제50조 제7항)에 따라 한 번 보냅니다.',
    noticeResubscribe: '다시 구독하려면:',
    linkSubject: (newsletter: string) => `${newsletter} 구독 취소 링크`,
    linkHeading: '구독 취소 링크',
    linkBody: (newsletter: string) =>
      `unsubscribe 주소로 보내신 메일은 보낸 사람을 확인할 수 없어 바로 처리하지 않았습니다. 아래 버튼을 누르면 ${newsletter} 구독이 취소됩니다.`,
    linkButton: '구독 취소하기',
    linkNotYou: '요청하지 않으셨다면 이 메일을 무시하세요. 아무것도 바뀌지 않습니다.',
  },
  en: {
    confirmSubject: (newsletter: string) => `Please confirm your ${newsletter} subscription`,
    confirmHeading: 'Confirm your subscription',
    confirmBody: (newsletter: string) =>
      `We received a request to subscribe this address to ${newsletter}. Press the button to confirm it and your subscription starts.`,
    confirmButton: 'Confirm subscription',
    confirmExpiry: (days: number) => `This link works for ${days} days.`,
    notYou: 'If you did not ask for this, ignore this email: without confirmation we send nothing more.',
    linkFallback: 'If the button does not work, paste this address into your browser:',
    welcomeSubject: (newsletter: string) => `Welcome to ${newsletter}`,
    welcomeHeading: (name: string | null) => (name ? `Welcome, ${name}` : 'Welcome'),
    welcomeBody: (newsletter: string) =>
      `Your subscription to ${newsletter} is confirmed. Your first briefing arrives tomorrow morning.`,
    preferences: 'Change preferences',
    unsubscribe: 'Unsubscribe',
    sender: 'Sent by',
    understoodHeading: 'What we read in your mail',
    understoodLanguage: (language: string) => `Language: ${language}`,
    understoodTopics: (topics: string) => `Topics: ${topics}`,
    understoodLists: (lists: string) => `Lists: ${lists}`,
    allTopics: 'all',
    localeNames: { ko: 'Korean', en: 'English', bilingual: 'Korean and English' },
    understoodLater: 'You can change these on the preferences page at any time once confirmed.',
    noticeSubject: (newsletter: string) => `${newsletter}: your subscription change is done`,
    noticeHeading: 'Your change is done',
    noticeChange: (kind: ChangeKind, lists: string) =>
      kind === 'subscribed'
        ? `your subscription to ${lists}`
        : kind === 'left-list'
          ? `your unsubscription from the ${lists} list`
          : kind === 'ad-consent-given'
            ? 'your consent to advertising'
            : kind === 'ad-consent-withdrawn'
              ? 'the withdrawal of your consent to advertising'
              : 'your unsubscription',
    noticeBody: (sender: string, when: string, change: string, via: ChangeVia) =>
      `${sender} processed ${change} on ${when}, as you asked ${viaEn[via]}.`,
    noticeAfter: (kind: ChangeKind) =>
      kind === 'subscribed'
        ? 'If you change your mind, the unsubscribe link at the foot of every mail stops it at once.'
        : kind === 'ad-consent-given'
          ? 'Editions with advertising now come to you too. You can withdraw this consent on the preferences page at any time.'
          : kind === 'ad-consent-withdrawn'
            ? 'The newsletter keeps coming; editions with advertising no longer do.'
            : 'We send no more newsletters to this address. This notice is sent once, as Korean law (Network Act §50(7)) asks.',
    noticeResubscribe: 'To subscribe again:',
    linkSubject: (newsletter: string) => `${newsletter}: your unsubscribe link`,
    linkHeading: 'Your unsubscribe link',
    linkBody: (newsletter: string) =>
      `We could not verify who sent the mail to our unsubscribe address, so nothing changed yet. Press the button to unsubscribe from ${newsletter}.`,
    linkButton: 'Unsubscribe',
    linkNotYou: 'If you did not ask for this, ignore this email: nothing changes.',
  },
} satisfies Record<Language, Record<string, unknown>>;

const viaKo: Record<ChangeVia, string> = {
  web: '웹 페이지에서',
  'one-click': '메일 프로그램의 구독 취소 버튼으로',
  mail: '메일로',
};

const viaEn: Record<ChangeVia, string> = {
  web: 'on the web page',
  'one-click': "with your mail app's unsubscribe button",
  mail: 'by mail',
};
