import type { Language } from '../../src/locale.ts';

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
  },
} satisfies Record<Language, Record<string, unknown>>;
