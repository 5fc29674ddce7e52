import { defineConfig } from './src/config/define-config.ts';

export default defineConfig({
  name: { ko: '가제트 데일리', en: 'Gazette Daily' },
  from: { name: 'Gazette Daily', email: 'digest@gazette.example' },
  replyTo: 'editors@gazette.example',
  postalAddress: 'Gazette Media, 12 Sejong-daero, Jung-gu, Seoul 04519, Republic of Korea',
  timeZone: 'Asia/Seoul',
  categories: [
    { id: 'tech', label: { ko: '기술', en: 'Technology' } },
    { id: 'business', label: { ko: '비즈니스', en: 'Business' } },
    { id: 'policy', label: { ko: '정책', en: 'Policy' } },
    { id: 'commerce', label: { ko: '커머스', en: 'Commerce' } },
    { id: 'science', label: { ko: '과학', en: 'Science' } },
  ],
  lists: [
    {
      id: 'daily',
      name: { ko: '데일리 브리핑', en: 'Daily Briefing' },
      description: {
        ko: '매일 아침 주요 뉴스와 시사점',
        en: 'The day’s news and why it matters, every morning',
      },
    },
  ],
  subject: {
    ko: '{name} · {date} · 오늘의 {items}',
    en: '{name} · {date} · {items}',
    bilingual: '{name} · {date} · {items}',
  },
  unsubscribeMailto: 'unsubscribe@gazette.example',
});
