import { describe, expect, it } from 'vitest';
import { buildEdition, buildEditions } from '../../src/edition/build-editions.ts';
import { editionItems } from '../../src/edition/edition.ts';
import type { Edition } from '../../src/edition/edition.ts';
import { makeItem } from '../fixtures/make-item.ts';
import { testConfig } from '../fixtures/test-config.ts';

const { timeZone, categories } = testConfig();
const SEOUL = { timeZone, categories };

/** `section-id: item ids` per section, to compare layouts at a glance. */
function layout(edition: Edition): string[] {
  return edition.sections.map((s) => `${s.id}: ${s.items.map((i) => i.id).join(' ')}`);
}

describe('buildEditions', () => {
  it('groups by local date, newest first, crossing midnight in the zone', () => {
    const items = [
      makeItem('a', { datePublished: '2026-03-02' }),
      makeItem('b', { datePublished: '2026-03-02T23:30:00Z' }),
      makeItem('c', { datePublished: '2026-03-03T15:00:00Z' }),
      makeItem('d', { datePublished: '2026-03-03T10:00:00' }),
    ];
    const editions = buildEditions(items, SEOUL);
    expect(editions.map((e) => [e.date, editionItems(e).map((i) => i.id)])).toEqual([
      ['2026-03-04', ['c']],
      ['2026-03-03', ['b', 'd']],
      ['2026-03-02', ['a']],
    ]);
    const newYork = buildEditions(items, { ...SEOUL, timeZone: 'America/New_York' });
    expect(newYork.map((e) => [e.date, editionItems(e).map((i) => i.id)])).toEqual([
      ['2026-03-03', ['c', 'd']],
      ['2026-03-02', ['a', 'b']],
    ]);
    expect(newYork[0]?.timeZone).toBe('America/New_York');
  });

  it('returns no editions for no items', () => {
    expect(buildEditions([], SEOUL)).toEqual([]);
  });
});

describe('buildEdition', () => {
  const day = '2026-03-02';

  it('orders sections as configured, with their ko/en labels, and skips empty ones', () => {
    const edition = buildEdition(
      day,
      [makeItem('p1', { categories: ['policy'] }), makeItem('t1', { categories: ['tech'] })],
      SEOUL,
    );
    expect(layout(edition)).toEqual(['tech: t1', 'policy: p1']);
    expect(edition.sections.map((s) => s.label)).toEqual([
      { ko: '기술', en: 'Technology' },
      { ko: '정책', en: 'Policy' },
    ]);
  });

  it('shows an item once, under its first category', () => {
    const edition = buildEdition(day, [makeItem('x', { categories: ['policy', 'tech', 'business'] })], SEOUL);
    expect(layout(edition)).toEqual(['policy: x']);
  });

  it('puts unknown categories after the configured ones, by first appearance, then Other · 기타 last', () => {
    const edition = buildEdition(
      day,
      [
        makeItem('n1'),
        makeItem('z1', { categories: ['zeta'] }),
        makeItem('t1', { categories: ['tech'] }),
        makeItem('a1', { categories: ['alpha', 'tech'] }),
        makeItem('z2', { categories: ['zeta'] }),
        makeItem('n2', { categories: [] }),
      ],
      SEOUL,
    );
    expect(layout(edition)).toEqual(['tech: t1', 'zeta: z1 z2', 'alpha: a1', 'other: n1 n2']);
    expect(edition.sections.find((s) => s.id === 'zeta')?.label).toEqual({ ko: 'zeta', en: 'zeta' });
    expect(edition.sections.at(-1)?.label).toEqual({ ko: '기타', en: 'Other' });
  });

  it('keeps input order inside a section (stable)', () => {
    const ids = ['m', 'c', 'x', 'a', 'q', 'b'];
    const edition = buildEdition(
      day,
      ids.map((id) => makeItem(id, { categories: ['business'] })),
      SEOUL,
    );
    expect(layout(edition)).toEqual([`business: ${ids.join(' ')}`]);
  });

  it('matches categories without regard to case and keeps one "other" section', () => {
    const edition = buildEdition(
      day,
      [
        makeItem('t', { categories: ['Tech'] }),
        makeItem('o1', { categories: ['other'] }),
        makeItem('o2', { categories: ['OTHER'] }),
        makeItem('n'),
      ],
      SEOUL,
    );
    expect(layout(edition)).toEqual(['tech: t', 'other: o1 o2 n']);
    expect(edition.sections[0]?.label.en).toBe('Technology');
  });

  it('a configured "other" category takes the uncategorised items, at its configured place', () => {
    const options = {
      ...SEOUL,
      categories: [{ id: 'other', label: { ko: '그 밖의 소식', en: 'Elsewhere' } }, ...SEOUL.categories],
    };
    const edition = buildEdition(day, [makeItem('t', { categories: ['tech'] }), makeItem('n')], options);
    expect(layout(edition)).toEqual(['other: n', 'tech: t']);
    expect(edition.sections[0]?.label).toEqual({ ko: '그 밖의 소식', en: 'Elsewhere' });
  });

  it('holds the items it is given, late ones too (membership is decided before it)', () => {
    const edition = buildEdition(
      day,
      [makeItem('today'), makeItem('late', { datePublished: '2026-02-28' })],
      SEOUL,
    );
    expect(editionItems(edition).map((i) => i.id)).toEqual(['today', 'late']);
  });

  it('is advertising only when an item is sponsored', () => {
    expect(buildEdition(day, [makeItem('a')], SEOUL).advertising).toBe(false);
    expect(buildEdition(day, [makeItem('a'), makeItem('s', { sponsored: true })], SEOUL).advertising).toBe(
      true,
    );
  });

  it('is pure: the input is not changed and the result is the same twice', () => {
    const items = [makeItem('a', { categories: ['policy', 'tech'] }), makeItem('b')];
    const before = structuredClone(items);
    const first = buildEdition(day, items, SEOUL);
    expect(buildEdition(day, items, SEOUL)).toEqual(first);
    expect(items).toEqual(before);
  });
});
