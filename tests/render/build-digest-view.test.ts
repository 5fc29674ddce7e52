import { describe, expect, it } from 'vitest';
import { buildDigestView } from '../../src/render/build-digest-view.ts';
import { makeEdition, makeStory } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const list = config.lists[0]!;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('buildDigestView: preheader', () => {
  it.each([
    // 'ab' then emoji (two UTF-16 units each): a cut at 149 units falls inside a surrogate pair.
    ['emoji', `ab${'😀'.repeat(200)}`],
    // A family emoji is one grapheme of several code points joined by ZWJ.
    ['ZWJ sequences', `ab${'👨‍👩‍👧'.repeat(40)}`],
  ])('a long title of %s is cut whole, never leaving a lone surrogate', (_, title) => {
    const edition = makeEdition(1, config, [makeStory(1, { title: { ko: title, en: title } })]);
    const { preheader } = buildDigestView(edition, { config, list, locale: 'ko', mode: 'email' });
    expect(preheader).not.toMatch(LONE_SURROGATE);
    expect(preheader.endsWith('…')).toBe(true);
    const kept = preheader.slice(0, -1);
    expect(title.startsWith(kept)).toBe(true);
    expect([...preheader].length).toBeLessThanOrEqual(150);
    // Whole graphemes: what is kept ends where one of the title's graphemes ends.
    const ends = new Set<number>();
    let at = 0;
    for (const { segment } of new Intl.Segmenter().segment(title)) ends.add((at += segment.length));
    expect(ends.has(kept.length)).toBe(true);
  });

  it('a short preheader is left as it is', () => {
    const edition = makeEdition(1, config, [makeStory(1, { title: { ko: '짧은 제목 😀', en: 'Short 😀' } })]);
    expect(buildDigestView(edition, { config, list, locale: 'en', mode: 'email' }).preheader).toBe(
      'Short 😀',
    );
  });
});
