import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import type { Item } from '../../src/content/item.ts';
import type { Edition } from '../../src/edition/edition.ts';
import type { Locale } from '../../src/locale.ts';
import { buildDigestView } from '../../src/render/build-digest-view.ts';
import { collapseWhitespace } from '../../src/render/collapse-whitespace.ts';
import { compileMarkup } from '../../src/render/compile-markup.ts';
import type { LearnedOverhead } from '../../src/render/mjml-overhead.ts';
import { digestMarkup, renderDigest } from '../../src/render/render-digest.ts';
import type { RenderDigestOptions } from '../../src/render/render-digest.ts';
import type { RenderedEmail } from '../../src/render/rendered-email.ts';
import { renderText } from '../../src/render/render-text.ts';
import { editorialEdition } from '../fixtures/render/editorial-day.ts';
import { makeEdition, makeStory } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const tiny = testConfig({ budgetBytes: 40_000 });
const list = config.lists[0]!;

const evil = '<script>alert(1)</script><img src=x onerror="alert(2)">';
const hostile: Item = makeStory(1, {
  id: 'evil"><script>alert(0)</script><gz-i></gz-i>',
  title: { ko: `제목 ${evil}`, en: `Title ${evil} <gz-i></gz-i>` },
  summary: { ko: `요약 ${evil}`, en: `Summary ${evil} __GZ_TOKEN__ <!--gz:item-->` },
  soWhat: { ko: evil, en: evil },
  keyPoints: { ko: [evil], en: [evil, 'javascript:alert(3)'] },
  source: { name: `Source ${evil}` },
  canonicalUrl: 'javascript:alert(4)',
  categories: [`tech${evil}`],
});
const englishOnly = Array.from({ length: 4 }, (_, i) =>
  makeStory(i + 1, { title: { en: `Only English ${i}` }, summary: {} }),
);

/** Editions that take every path of `renderDigest`: fits, planned, corrected, headlines only, web. */
const CASES: [string, Locale, () => Edition, Config?, 'web'?][] = [
  ['bench 12', 'bilingual', () => makeEdition(12, config)],
  ['bench 30', 'bilingual', () => makeEdition(30, config)],
  ['bench 60', 'bilingual', () => makeEdition(60, config)],
  ['bench 60', 'ko', () => makeEdition(60, config)],
  ['60 items', 'en', () => makeEdition(60, config)],
  ['may fit, does not', 'bilingual', () => makeEdition(16, config)],
  ['may fit, does not', 'ko', () => makeEdition(52, config)],
  ['may fit, does not', 'en', () => makeEdition(52, config)],
  ['3 items', 'ko', () => makeEdition(3, config)],
  ['3 items', 'en', () => makeEdition(3, config)],
  ['3 items', 'bilingual', () => makeEdition(3, config)],
  ['editorial day', 'bilingual', () => editorialEdition(config)],
  ['editorial day', 'ko', () => editorialEdition(config)],
  ['editorial day', 'en', () => editorialEdition(config)],
  ['tiny budget', 'bilingual', () => makeEdition(23, tiny), tiny],
  ['tiny budget', 'ko', () => makeEdition(23, tiny), tiny],
  ['tiny budget', 'en', () => makeEdition(23, tiny), tiny],
  ['hostile', 'bilingual', () => makeEdition(2, config, [hostile, makeStory(2)])],
  ['hostile', 'ko', () => makeEdition(2, config, [hostile, makeStory(2)])],
  ['hostile, tiny budget', 'en', () => makeEdition(30, tiny, [hostile, ...range(29)]), tiny],
  ['English only', 'ko', () => makeEdition(4, config, englishOnly)],
  ['English only, 60', 'ko', () => makeEdition(60, config, [...englishOnly, ...range(56, 5)])],
  ['400 headlines', 'ko', () => makeEdition(400, config)],
  ['web', 'bilingual', () => makeEdition(12, config), config, 'web'],
];

function range(count: number, from = 2): Item[] {
  return Array.from({ length: count }, (_, i) => makeStory(i + from));
}

const sha = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** What the test pins of an email: its texts in short, the bytes of its parts by hash. */
function pinned(email: RenderedEmail) {
  return {
    subject: email.subject,
    preheader: email.preheader,
    html: `${Buffer.byteLength(email.html)} ${sha(email.html)}`,
    text: `${Buffer.byteLength(email.text)} ${sha(email.text)}`,
    compacted: email.compactedItemIds.length,
    omitted: email.omittedItemIds?.length ?? 0,
  };
}

/**
 * The email as the template renders it in one piece (`digestMarkup`: the whole view through
 * React, compiled), for the items `renderDigest` chose to compact and omit: whatever way the
 * renderer assembles the markup, the result must be this, byte for byte.
 */
async function reference(edition: Edition, options: RenderDigestOptions, chosen: RenderedEmail) {
  const view = buildDigestView(edition, {
    ...options,
    mode: options.mode ?? 'email',
    compact: new Set(chosen.compactedItemIds),
    omit: new Set(chosen.omittedItemIds),
  });
  const html = collapseWhitespace(await compileMarkup(digestMarkup(view), 'reference'));
  return { subject: view.subject, preheader: view.preheader, html, text: renderText(view) };
}

describe('renderDigest: the email stays byte for byte what the template writes', () => {
  it.each(CASES)(
    '%s, %s',
    async (_, locale, edition, cfg = config, mode = undefined) => {
      const options: RenderDigestOptions = { config: cfg, list, locale, ...(mode ? { mode } : {}) };
      const overheads = new Map<string, LearnedOverhead>();
      // The first render of a template learns its overhead; the second uses it.
      const learning = await renderDigest(edition(), { ...options, overheads });
      const learned = await renderDigest(edition(), { ...options, overheads });
      expect(learned).toEqual(learning);
      const expected = await reference(edition(), options, learned);
      expect(learned.html).toBe(expected.html);
      expect(learned.text).toBe(expected.text);
      expect(learned.subject).toBe(expected.subject);
      expect(learned.preheader).toBe(expected.preheader);
      // Generated with the renderer that compiled `digestMarkup` of the chosen view itself.
      expect(pinned(learned)).toMatchSnapshot();
    },
    60_000,
  );
});

describe('renderDigest: content that spells a slot or a marker stays text', () => {
  const slots = '<gz-i s="0" n="0"></gz-i><gz-l s="0" n="0"></gz-l><gz-e></gz-e><!--gz:item-->';
  const forging = (index: number) =>
    makeStory(index, {
      title: { ko: `제목 ${slots}`, en: `Title ${slots}` },
      summary: { ko: `요약 ${slots}`, en: `Summary ${slots}` },
      keyPoints: { ko: [slots], en: [slots] },
      source: { name: slots },
    });

  it.each(['bilingual', 'ko', 'en'] as const)('%s, full and compacted', async (locale) => {
    const edition = () =>
      makeEdition(
        30,
        tiny,
        Array.from({ length: 30 }, (_, i) => forging(i + 1)),
      );
    const options: RenderDigestOptions = { config: tiny, list, locale };
    const rendered = await renderDigest(edition(), options);
    expect(rendered.compactedItemIds.length).toBeGreaterThan(0);
    expect(rendered.html).not.toMatch(/<gz-|<!--gz:/);
    expect(rendered.html).toContain('&lt;gz-i s=&quot;0&quot; n=&quot;0&quot;&gt;');
    expect(rendered.html).toBe((await reference(edition(), options, rendered)).html);
  });
});
