import type { BiText } from './bi.tsx';

/** The fixed words of the web pages, in both languages. */
export const pageText = {
  skip: { ko: '본문 바로가기', en: 'Skip to content' },
  subscribeTitle: { ko: '구독 신청', en: 'Subscribe' },
  subscribeIntro: {
    ko: '매일 아침 뉴스 브리핑을 이메일로 받아 보세요. 확인 메일의 링크를 눌러야 구독이 시작됩니다.',
    en: 'Get the news briefing by email every morning. Your subscription starts once you press the link in the confirmation email.',
  },
  email: { ko: '이메일 주소', en: 'Email address' },
  pastEditions: { ko: '지난 호 보기', en: 'Past editions' },
  latestEditions: { ko: '최근 호', en: 'Latest editions' },
  ourNewsletters: { ko: '뉴스레터 소개', en: 'Our newsletters' },
  allEditions: { ko: '모든 지난 호', en: 'All past editions' },
  name: { ko: '이름 (선택)', en: 'Name (optional)' },
  language: { ko: '받을 언어', en: 'Language' },
  localeKo: { ko: '한국어', en: 'Korean' },
  localeEn: { ko: '영어', en: 'English' },
  localeBilingual: { ko: '한국어와 영어 모두', en: 'Both Korean and English' },
  topics: { ko: '관심 분야 (선택하지 않으면 전체)', en: 'Topics (none chosen means all)' },
  lists: { ko: '뉴스레터', en: 'Newsletters' },
  adConsent: {
    ko: '광고성 정보(후원 기사 포함) 수신에 동의합니다 (선택)',
    en: 'I agree to receive advertising, including sponsored stories (optional)',
  },
  consent: {
    ko: '구독하면 입력하신 이메일 주소와 선택 사항을 뉴스레터 발송에만 사용하며, 모든 메일의 링크로 언제든 한 번에 구독을 취소할 수 있습니다. 동의 기록(시각, IP, 브라우저 정보)은 법적 증빙을 위해 보관합니다.',
    en: 'We use your address and choices only to send this newsletter; every email carries a one-click unsubscribe link. We keep a record of your consent (time, IP address, browser) as required by law.',
  },
  honeypot: { ko: '이 칸은 비워 두세요', en: 'Leave this field empty' },
  submit: { ko: '구독하기', en: 'Subscribe' },
  errorSummary: { ko: '입력한 내용을 확인해 주세요', en: 'Please check the form' },
  checkInboxTitle: { ko: '메일함을 확인해 주세요', en: 'Check your inbox' },
  checkInbox: {
    ko: '입력하신 주소로 확인 메일을 보냈습니다. 메일의 링크를 누르면 구독이 시작됩니다. 이미 구독 중인 주소라면 따로 할 일이 없습니다.',
    en: 'We have sent a confirmation email to the address you entered. Press its link to start your subscription. If the address is already subscribed, there is nothing more to do.',
  },
  confirmTitle: { ko: '구독 확인', en: 'Confirm your subscription' },
  confirmAsk: {
    ko: '아래 버튼을 누르면 이 주소로 뉴스레터 구독이 시작됩니다:',
    en: 'Press the button to start the newsletter for:',
  },
  confirmButton: { ko: '구독 확인하기', en: 'Confirm subscription' },
  confirmedTitle: { ko: '구독이 확인되었습니다', en: 'Subscription confirmed' },
  confirmed: {
    ko: '환영합니다! 다음 호부터 뉴스 브리핑을 보내 드립니다.',
    en: 'Welcome! Your briefing starts with the next edition.',
  },
  managePreferences: { ko: '구독 설정 변경', en: 'Change your preferences' },
  invalidLinkTitle: { ko: '링크가 올바르지 않습니다', en: 'This link is not valid' },
  invalidLink: {
    ko: '링크가 잘렸거나 변경되었습니다. 메일에 있는 링크 전체를 다시 열어 주세요.',
    en: 'The link is incomplete or has been altered. Open the whole link from the email again.',
  },
  expiredLinkTitle: { ko: '링크가 만료되었습니다', en: 'This link has expired' },
  expiredLink: {
    ko: '확인 링크는 7일 동안만 유효합니다. 다시 구독을 신청해 주세요.',
    en: 'Confirmation links work for 7 days. Please subscribe again.',
  },
  staleLink: {
    ko: '이 구독은 취소되었거나 더 이상 유효하지 않습니다. 다시 구독하려면 새로 신청해 주세요.',
    en: 'This subscription was cancelled or is no longer valid. To subscribe again, please sign up anew.',
  },
  subscribeAgain: { ko: '다시 구독하기', en: 'Subscribe again' },
  unsubscribeTitle: { ko: '구독 취소', en: 'Unsubscribe' },
  unsubscribeAsk: {
    ko: '아래 버튼을 누르면 이 주소로 더 이상 뉴스레터를 보내지 않습니다:',
    en: 'Press the button and we will stop sending the newsletter to:',
  },
  unsubscribeButton: { ko: '구독 취소하기', en: 'Unsubscribe' },
  unsubscribedTitle: { ko: '구독이 취소되었습니다', en: 'You are unsubscribed' },
  unsubscribed: {
    ko: '더 이상 뉴스레터를 보내지 않습니다. 그동안 읽어 주셔서 감사합니다.',
    en: 'You will get no more newsletters from us. Thank you for reading.',
  },
  notSubscribed: {
    ko: '이 주소는 구독 중이 아닙니다.',
    en: 'This address is not subscribed.',
  },
  preferencesTitle: { ko: '구독 설정', en: 'Preferences' },
  save: { ko: '저장하기', en: 'Save' },
  saved: { ko: '설정을 저장했습니다.', en: 'Your preferences are saved.' },
  inactiveNote: {
    ko: '이 주소는 현재 뉴스레터를 받지 않습니다. 다시 받으려면 새로 구독을 신청해 주세요.',
    en: 'This address does not receive the newsletter at the moment. To get it again, subscribe anew.',
  },
  orUnsubscribe: { ko: '모든 메일 받지 않기', en: 'Stop all emails' },
  tooManyTitle: { ko: '요청이 너무 많습니다', en: 'Too many requests' },
  tooMany: {
    ko: '잠시 후 다시 시도해 주세요.',
    en: 'Please wait a moment and try again.',
  },
  forbiddenTitle: { ko: '요청을 처리할 수 없습니다', en: 'Request refused' },
  forbidden: {
    ko: '다른 사이트에서 보낸 양식은 받지 않습니다. 이 사이트의 양식을 다시 열어 제출해 주세요.',
    en: 'Forms sent from other sites are refused. Please open the form on this site and submit it again.',
  },
  notFoundTitle: { ko: '페이지를 찾을 수 없습니다', en: 'Page not found' },
  notFound: { ko: '주소를 다시 확인해 주세요.', en: 'Please check the address.' },
  serverErrorTitle: { ko: '일시적인 오류', en: 'Something went wrong' },
  serverError: {
    ko: '요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.',
    en: 'We could not handle your request. Please try again in a moment.',
  },
  badFormTitle: { ko: '양식을 읽을 수 없습니다', en: 'The form could not be read' },
  badForm: {
    ko: '양식을 다시 열어 제출해 주세요.',
    en: 'Please open the form again and submit it.',
  },
  tooLarge: { ko: '보낸 내용이 너무 큽니다.', en: 'The form data is too large.' },
} satisfies Record<string, BiText>;
