import { describe, expect, it } from 'vitest';
import { parseChoices } from '../../src/web/forms/parse-choices.ts';

const config = {
  categories: [{ id: 'tech', label: { ko: '기술', en: 'Technology' } }],
  lists: [
    {
      id: 'daily',
      name: { ko: '데일리', en: 'Daily' },
      locales: ['ko' as const, 'en' as const, 'bilingual' as const],
      categories: [],
    },
  ],
};

describe('the web form keeps the one name rule of import and add', () => {
  it.each([
    ['NEL (U+0085)', 'Kim\u0085'],
    ['a right-to-left override (U+202E)', 'Kim\u202Eevil'],
    ['a NUL', 'Kim\u0000'],
    ['a line separator (U+2028)', 'Kim\u2028Lee'],
    ['more than 100 characters', '가'.repeat(101)],
  ])('refuses a name with %s', (_what, name) => {
    const { errors } = parseChoices({ name, locale: 'en', lists: 'daily' }, config);
    expect(errors.name?.en).toContain('control characters');
  });

  it('takes a Korean name with a space', () => {
    const { errors, values } = parseChoices({ name: '  송 지호 ', locale: 'ko', lists: 'daily' }, config);
    expect(errors.name).toBeUndefined();
    expect(values.name).toBe('송 지호');
  });
});

describe("the web form keeps to the lists' locales", () => {
  const koOnly = {
    ...config,
    lists: [{ id: 'daily', name: { ko: '데일리', en: 'Daily' }, locales: ['ko' as const], categories: [] }],
  };
  it('refuses a locale the list does not offer, naming what it offers', () => {
    const { errors } = parseChoices({ locale: 'en', lists: 'daily' }, koOnly);
    expect(errors.locale?.en).toBe('Daily comes in Korean only: choose one of those.');
    // 으로/로 follows the final consonant: 한국어로 (no 받침), 영어로, never "(으)로".
    expect(errors.locale?.ko).toContain('한국어로만 발행됩니다');
  });
  it('takes one it offers', () => {
    expect(parseChoices({ locale: 'ko', lists: 'daily' }, koOnly).errors.locale).toBeUndefined();
  });
});
