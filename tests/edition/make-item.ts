import type { Item } from '../../src/content/item.ts';
import type { CategoryConfig } from '../../src/config/config-schema.ts';

/** An Item as the loader would produce it; tests override only what they look at. */
export function makeItem(id: string, overrides: Partial<Item> = {}): Item {
  return {
    id,
    file: `${id}.md`,
    title: { en: `Title ${id}` },
    datePublished: '2026-03-02',
    categories: [],
    tags: [],
    regions: [],
    summary: { en: `Summary ${id}` },
    soWhat: {},
    keyPoints: {},
    sponsored: false,
    body: '',
    ...overrides,
  };
}

export const CATEGORIES: CategoryConfig[] = [
  { id: 'tech', label: { ko: '기술', en: 'Technology' } },
  { id: 'business', label: { ko: '비즈니스', en: 'Business' } },
  { id: 'policy', label: { ko: '정책', en: 'Policy' } },
];

export const SEOUL = { timeZone: 'Asia/Seoul', categories: CATEGORIES };
