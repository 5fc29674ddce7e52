import { describe, expect, it } from 'vitest';
import { createSegmentCache } from '../../src/send/create-segment-cache.ts';
import type { DigestRenderer, RenderedDigest } from '../../src/send/digest-renderer.ts';
import { makeEdition } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const list = config.lists[0]!;
const edition = makeEdition(10, config);
const options = { timeZone: config.timeZone, categories: config.categories };

/** A renderer whose every email is `chars` characters of HTML around the token placeholder. */
function renderer(chars: number): DigestRenderer {
  return {
    async render(): Promise<RenderedDigest> {
      const html = `${'h'.repeat(chars)}__GZ_TOKEN__${'t'.repeat(chars)}`;
      return {
        subject: 's',
        preheader: '',
        html,
        text: 'text',
        htmlBytes: html.length,
        compactedItemIds: [],
      };
    },
    personalize: () => ({ subject: '', html: '', text: '' }),
    unsubscribeUrl: (token) => token,
  };
}

describe('the segment cache’s MIME templates', () => {
  it('lays a segment out once and shares it between concurrent callers', async () => {
    const cache = createSegmentCache(renderer(5000), list, edition, options);
    const [a, b] = await Promise.all([cache.mime('ko:'), cache.mime('ko:')]);
    expect(a).toBeDefined();
    expect(a).toBe(b);
    expect(await cache.mime('ko:')).toBe(a);
    const body = Buffer.concat(a!.body({ token: 'abc' }).chunks).toString('latin1');
    expect(body).toContain('Content-Type: text/html; charset=utf-8');
  });

  it('over its bound, lets the least recently used go for good: those readers get composed copies', async () => {
    const probe = createSegmentCache(renderer(5000), list, edition, options);
    const weight = (await probe.mime('ko:'))!.bytes;
    // Room for one template, not two.
    const cache = createSegmentCache(renderer(5000), list, edition, {
      ...options,
      maxMimeBytes: Math.ceil(weight * 1.5),
    });
    const ko = await cache.mime('ko:');
    expect(ko).toBeDefined();
    const en = await cache.mime('en:');
    expect(en).toBeDefined();
    expect(await cache.mime('ko:')).toBeUndefined();
    expect(await cache.mime('en:')).toBe(en);
    // The render itself is still there for the composer.
    expect(await cache.render('ko:')).toBeDefined();
  });
});
