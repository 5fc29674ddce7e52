import { josa } from 'es-hangul';
import type { Language } from '../../src/locale.ts';

/** What a consent notice says; the sentence builders take names already in the notice's language. */
export interface ConsentNoticeWords {
  newsletter: string;
  /** The lists the reader is on, joined for reading ("데일리 및 위클리", "Daily and Weekly"). */
  lists: string;
  /** The consent's date, written out ("2024년 12월 4일", "4 December 2024"). */
  consentedOn: string;
  senderName: string;
  name: string | null;
}

/**
 * The words of the two-yearly consent notice (정보통신망법 §50⑧, 시행령 제62조의3②): the sender,
 * that the reader consented and when, to what, and how to keep or withdraw the consent.
 * Korean particles follow the inserted names (es-hangul's josa): ‘데일리를’, ‘뉴스 브리핑을’.
 */
export const consentNoticeText = {
  ko: {
    subject: (w: ConsentNoticeWords) => `${w.newsletter} 광고성 정보 수신 동의 확인 안내`,
    heading: '광고성 정보 수신 동의 안내',
    /** Around the reader's name (the template marks the name with its own `lang`); or alone. */
    greeting: { before: '', after: '님, 안녕하세요.', alone: '안녕하세요.' },
    why: (w: ConsentNoticeWords) =>
      `${josa(w.newsletter, '은/는')} 정보통신망법 제50조제8항에 따라 2년마다 광고성 정보 수신 동의 여부를 알려 드립니다.`,
    senderLabel: '전송자',
    dateLabel: '동의한 날짜',
    whatLabel: '동의한 내용',
    what: (w: ConsentNoticeWords) =>
      `${josa(w.lists, '을/를')} 통해 이메일로 보내는 광고성 정보(후원 기사 등)의 수신`,
    keep: '동의를 유지하시려면 아무것도 하지 않으셔도 됩니다.',
    withdraw:
      '광고성 정보를 더 받지 않으시려면 아래 구독 설정에서 광고 수신 동의를 해제하시거나 구독을 취소하세요. 언제든 무료로 철회할 수 있습니다.',
    preferences: '광고 수신 동의 변경',
    unsubscribe: '구독 취소',
  },
  en: {
    subject: (w: ConsentNoticeWords) => `${w.newsletter}: your consent to advertising email`,
    heading: 'Your consent to advertising email',
    greeting: { before: 'Hello ', after: ',', alone: 'Hello,' },
    why: (w: ConsentNoticeWords) =>
      `Every two years ${w.newsletter} reminds you of your consent to advertising, as Korea's Network Act (Article 50(8)) requires.`,
    senderLabel: 'Sender',
    dateLabel: 'Consented on',
    whatLabel: 'Consented to',
    what: (w: ConsentNoticeWords) => `advertising (such as sponsored items) by email in ${w.lists}`,
    keep: 'To keep your consent, you need do nothing.',
    withdraw:
      'To stop receiving advertising, turn off advertising consent in your preferences below, or unsubscribe. Withdrawing is free and works at any time.',
    preferences: 'Change advertising consent',
    unsubscribe: 'Unsubscribe',
  },
} satisfies Record<Language, Record<string, unknown>>;
