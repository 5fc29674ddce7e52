import { describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/edition/build-editions.ts';
import { filterEdition } from '../../src/edition/filter-edition.ts';
import type { Edition } from '../../src/edition/edition.ts';
import { makeItem } from '../fixtures/make-item.ts';
import { testConfig } from '../fixtures/test-config.ts';

const { timeZone, categories } = testConfig();
const SEOUL = { timeZone, categories };

function layout(edition: Edition): string[] {
  return edition.sections.map((s) => `${s.id}: ${s.items.map((i) => i.id).join(' ')}`);
}

const edition = buildEdition(
  '2026-03-02',
  [
    makeItem('t1', { categories: ['tech'] }),
    makeItem('tp', { categories: ['tech', 'policy'] }),
    makeItem('b1', { categories: ['business'] }),
    makeItem('pb', { categories: ['policy', 'business'] }),
    makeItem('u1', { categories: ['culture'] }),
    makeItem('n1'),
    makeItem('s1', { categories: ['business'], sponsored: true }),
  ],
  SEOUL,
);

describe('filterEdition', () => {
  it('returns the whole edition for a segment without categories', () => {
    expect(filterEdition(edition, [], SEOUL)).toBe(edition);
  });

  it('keeps an item when any of its categories is wanted, under its first wanted one', () => {
    const policy = filterEdition(edition, ['policy'], SEOUL);
    expect(layout(policy)).toEqual(['policy: tp pb']);
    // pb moves in from the policy section; items keep the edition's order (section by section).
    const business = filterEdition(edition, ['business'], SEOUL);
    expect(layout(business)).toEqual(['business: b1 s1 pb']);
  });

  it('keeps the configured order whatever order the segment lists', () => {
    expect(layout(filterEdition(edition, ['policy', 'tech'], SEOUL))).toEqual(['tech: t1 tp', 'policy: pb']);
  });

  it('keeps uncategorised items only when "other" is wanted', () => {
    expect(layout(filterEdition(edition, ['tech', 'other'], SEOUL))).toEqual(['tech: t1 tp', 'other: n1']);
  });

  it('can want an unknown category, and matches without regard to case', () => {
    expect(layout(filterEdition(edition, ['Culture'], SEOUL))).toEqual(['culture: u1']);
    expect(layout(filterEdition(edition, ['TECH'], SEOUL))).toEqual(['tech: t1 tp']);
  });

  it('is advertising only when a kept item is sponsored', () => {
    expect(edition.advertising).toBe(true);
    expect(filterEdition(edition, ['tech'], SEOUL).advertising).toBe(false);
    expect(filterEdition(edition, ['business'], SEOUL).advertising).toBe(true);
  });

  it('an empty result keeps the date and has no sections', () => {
    const none = filterEdition(edition, ['science'], SEOUL);
    expect(none).toMatchObject({ date: '2026-03-02', sections: [], advertising: false });
  });

  it('does not change the edition it filters', () => {
    const before = structuredClone(edition);
    filterEdition(edition, ['policy'], SEOUL);
    expect(edition).toEqual(before);
  });
});
