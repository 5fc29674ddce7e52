import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/content/item.ts';
import type { MembershipInput, SentItem } from '../../src/edition/select-edition-items.ts';
import { selectEditionItems } from '../../src/edition/select-edition-items.ts';
import { makeItem } from '../fixtures/make-item.ts';

const fingerprint = (item: Item) => `${item.id}:${item.summary.en ?? ''}`;

function select(items: Item[], overrides: Partial<MembershipInput> = {}) {
  return selectEditionItems({
    items,
    list: { id: 'daily', categories: [] },
    date: '2026-02-22',
    timeZone: 'Asia/Seoul',
    lateWindowDays: 7,
    sent: new Map(),
    since: '2026-02-01',
    fingerprint,
    ...overrides,
  });
}

const ids = (items: Item[]) => items.map((item) => item.id);

describe('selectEditionItems', () => {
  it('takes the day and late items within the window, marking the late ones with their date', () => {
    const result = select([
      makeItem('today', { datePublished: '2026-02-22' }),
      makeItem('late', { datePublished: '2026-02-20' }),
      makeItem('edge', { datePublished: '2026-02-15' }),
      makeItem('old', { datePublished: '2026-02-14' }),
      makeItem('tomorrow', { datePublished: '2026-02-23' }),
    ]);
    expect(ids(result.items)).toEqual(['today', 'late', 'edge']);
    expect(result.marks).toEqual({ late: { late: '2026-02-20' }, edge: { late: '2026-02-15' } });
    expect(result.leftOut.map((left) => [left.item.id, left.reason])).toEqual([['old', 'too-old']]);
  });

  it('reads dates in the newsletter zone: 15:30Z on the 21st is the 22nd in Seoul', () => {
    const result = select([makeItem('utc', { datePublished: '2026-02-21T15:30:00Z' })]);
    expect(ids(result.items)).toEqual(['utc']);
    expect(result.marks).toEqual({});
  });

  it('a first edition takes only its own day and reports no backlog', () => {
    const result = select(
      [
        makeItem('today', { datePublished: '2026-02-22' }),
        makeItem('before', { datePublished: '2026-02-20' }),
      ],
      { since: undefined },
    );
    expect(ids(result.items)).toEqual(['today']);
    expect(result.leftOut).toEqual([]);
  });

  it('never reports items dated before the list began', () => {
    const result = select([makeItem('ancient', { datePublished: '2025-01-01' })]);
    expect(result.items).toEqual([]);
    expect(result.leftOut).toEqual([]);
  });

  it('skips what an earlier edition carried; a changed one is reported unless it is a correction', () => {
    const sentBefore = makeItem('sent', { datePublished: '2026-02-21' });
    const sent = new Map<string, SentItem>([
      ['sent', { fingerprint: fingerprint(sentBefore), number: 3 }],
      ['edited', { fingerprint: 'edited:old text', number: 4 }],
      ['fixed', { fingerprint: 'fixed:old text', number: 4 }],
    ]);
    const result = select(
      [
        sentBefore,
        makeItem('edited', { datePublished: '2026-02-21' }),
        makeItem('fixed', { datePublished: '2026-02-21', correction: true }),
      ],
      { sent },
    );
    expect(ids(result.items)).toEqual(['fixed']);
    expect(result.marks).toEqual({ fixed: { correction: true } });
    expect(result.leftOut.map((left) => [left.item.id, left.reason, left.number])).toEqual([
      ['edited', 'changed-after-sent', 4],
    ]);
  });

  it("keeps to the list's categories (uncategorised items only where `other` is carried)", () => {
    const items = [
      makeItem('tech', { categories: ['Tech'], datePublished: '2026-02-22' }),
      makeItem('biz', { categories: ['business'], datePublished: '2026-02-22' }),
      makeItem('none', { datePublished: '2026-02-22' }),
    ];
    expect(ids(select(items, { list: { id: 'tech', categories: ['tech'] } }).items)).toEqual(['tech']);
    expect(ids(select(items, { list: { id: 'x', categories: ['tech', 'other'] } }).items)).toEqual([
      'tech',
      'none',
    ]);
  });

  it('a weekly edition takes its seven days, capped by maxItems, highest priority first', () => {
    const week = [
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ];
    const items = week.map((date, at) =>
      makeItem(`d${at}`, { datePublished: date, priority: at === 1 ? 9 : undefined, confidence: at / 10 }),
    );
    const result = select([...items, makeItem('prev-week', { datePublished: '2026-02-14' })], {
      list: { id: 'weekly', categories: [], cadence: { every: 'week', on: 'sun' }, maxItems: 3 },
    });
    // Priority first (d1), then confidence (d6, d5); the order within the edition stays the input's.
    expect(ids(result.items)).toEqual(['d1', 'd5', 'd6']);
    // The late item of the week before lost to the cap: it waits, unmarked, and is reported.
    expect(result.marks).toEqual({});
    expect(result.leftOut.filter((left) => left.reason === 'over-cap').map((left) => left.item.id)).toEqual([
      'd0',
      'd2',
      'd3',
      'd4',
      'prev-week',
    ]);
  });
});
