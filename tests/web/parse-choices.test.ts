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
