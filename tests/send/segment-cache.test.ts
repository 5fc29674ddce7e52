import { describe, expect, it } from 'vitest';
import type { Edition } from '../../src/edition/edition.ts';
import type { Locale } from '../../src/locale.ts';
import { createSegmentCache } from '../../src/send/create-segment-cache.ts';
import type { DigestRenderer, RenderedDigest } from '../../src/send/digest-renderer.ts';
import { makeEdition } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const list = config.lists[0]!;
const edition = makeEdition(10, config);
const options = { timeZone: config.timeZone, categories: config.categories };

/** A renderer whose every email weighs `chars` characters of HTML, counting its calls. */
function countingRenderer(chars: number) {
  const calls: string[] = [];
  const renderer: DigestRenderer = {
    async render(part: Edition, _list, locale: Locale): Promise<RenderedDigest> {
      calls.push(`${locale}:${part.sections.map((s) => s.id).join(',')}`);
      return {
        subject: 's',
        preheader: '',
        html: 'x'.repeat(chars),
        text: '',
        htmlBytes: chars,
        compactedItemIds: [],
      };
    },
    personalize: () => ({ subject: '', html: '', text: '' }),
    unsubscribeUrl: (token) => token,
  };
  return { renderer, calls };
}

describe('createSegmentCache', () => {
  it('renders a segment once while the kept renders fit the bound', async () => {
    const { renderer, calls } = countingRenderer(1000);
    const cache = createSegmentCache(renderer, list, edition, options);
    const [a, b] = await Promise.all([cache.render('ko:'), cache.render('ko:')]);
    expect(a).toBe(b);
    await cache.render('en:tech');
    await cache.render('ko:');
    expect(calls).toHaveLength(2);
    expect(cache.stats()).toEqual({ renders: 2, rerenders: 0 });
  });

  it('over the bound, lets the least recently used go and renders it again when asked', async () => {
    const { renderer, calls } = countingRenderer(1000);
    // Room for two renders (1,000 one-byte characters each), not three.
    const cache = createSegmentCache(renderer, list, edition, { ...options, maxBytes: 2500 });
    await cache.render('ko:');
    await cache.render('en:');
    await cache.render('ko:'); // ko: is now the most recent; en: the least
    await cache.render('bilingual:'); // over the bound: en: goes
    expect(calls).toHaveLength(3);
    await cache.render('ko:');
    await cache.render('bilingual:');
    expect(calls).toHaveLength(3);
    const again = await cache.render('en:');
    expect(again?.html).toHaveLength(1000);
    expect(calls).toHaveLength(4);
    expect(cache.stats()).toEqual({ renders: 4, rerenders: 1 });
  });

  it('keeps no empty segment and no failed render', async () => {
    const { renderer, calls } = countingRenderer(10);
    let fail = true;
    const flaky: DigestRenderer = {
      ...renderer,
      render: (...args) => (fail ? Promise.reject(new Error('template broke')) : renderer.render(...args)),
    };
    const cache = createSegmentCache(flaky, list, edition, options);
    expect(await cache.render('ko:no-such-topic')).toBeUndefined();
    await expect(cache.render('ko:')).rejects.toThrow('template broke');
    fail = false;
    await expect(cache.render('ko:')).resolves.toMatchObject({ subject: 's' });
    expect(calls).toHaveLength(1);
  });
});
