import type { Language } from '../locale.ts';

/** The fixed words of the web archive, per language. */
export const archiveText = {
  ko: {
    archive: '지난 호',
    intro: '발행된 모든 호를 최신순으로 모았습니다.',
    empty: '아직 발행된 호가 없습니다.',
    read: '읽기',
    both: '한국어·영어',
    ko: '한국어',
    en: '영어',
    pagination: '쪽 이동',
    newer: '최신 호',
    older: '이전 호',
    page: (page: number, count: number) => `${count}쪽 중 ${page}쪽`,
    feed: 'Atom 피드',
    notFoundTitle: '페이지를 찾을 수 없습니다',
    notFound:
      '이 주소에는 발행된 호가 없습니다. 날짜가 YYYY-MM-DD 형식인지, 이미 지난 날짜인지 확인하거나 지난 호 목록에서 찾아 보세요.',
    backToArchive: '지난 호 목록으로',
    languages: '지난 호와 언어',
  },
  en: {
    archive: 'Past editions',
    intro: 'Every edition published so far, newest first.',
    empty: 'No edition has been published yet.',
    read: 'Read',
    both: 'Korean and English',
    ko: 'Korean',
    en: 'English',
    pagination: 'Pages',
    newer: 'Newer editions',
    older: 'Older editions',
    page: (page: number, count: number) => `Page ${page} of ${count}`,
    feed: 'Atom feed',
    notFoundTitle: 'Page not found',
    notFound:
      'No edition has been published at this address. Check that the date is written YYYY-MM-DD and has already come, or find the edition in the list of past editions.',
    backToArchive: 'Back to past editions',
    languages: 'Archive and language',
  },
} satisfies Record<Language, unknown>;
