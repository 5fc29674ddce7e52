import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/locale.ts';
import { arrangeEdition } from '../../src/render/arrange-edition.ts';
import { buildDigestView } from '../../src/render/build-digest-view.ts';
import { collapseWhitespace } from '../../src/render/collapse-whitespace.ts';
import { compileMarkup } from '../../src/render/compile-markup.ts';
import { finalizeHtml } from '../../src/render/finalize-html.ts';
import { measureRegions } from '../../src/render/measure-regions.ts';
import { learnOverhead } from '../../src/render/mjml-overhead.ts';
import { planCompaction } from '../../src/render/plan-compaction.ts';
import {
  digestElement,
  digestMarkup,
  PERSONALIZATION_RESERVE,
  renderDigest,
} from '../../src/render/render-digest.ts';
import { renderMarkup } from '../../src/render/render-markup.ts';
import { makeEdition, makeStory } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const list = config.lists[0]!;
const budget = config.budgetBytes - PERSONALIZATION_RESERVE;
const compile = async (markup: string) => collapseWhitespace(await compileMarkup(markup, 'test'));
const titleOf = (markup: string) => Buffer.byteLength(/<mj-title>(.*?)<\/mj-title>/.exec(markup)?.[1] ?? '');

describe.each(LOCALES)('%s: planning the budget from one measured render', (locale) => {
  const view = (count: number, compact: string[] = []) =>
    buildDigestView(makeEdition(count, config), {
      config,
      list,
      locale,
      mode: 'email',
      compact: new Set(compact),
    });

  // The first render of a locale in a process learns (compiles the full day with markers); later
  // ones plan from items measured alone. Both must choose the same, largest compaction that fits.
  it('a 60-item day: first render (learning) and later renders (planned) agree, and one more full item would not fit', async () => {
    const edition = makeEdition(60, config);
    // Compacted lightest first: the end of the ranked order (every section keeps one in full first).
    const ids = arrangeEdition(edition, { config, list, locale }).ranked;
    const overheads = new Map();
    const first = await renderDigest(edition, { config, list, locale, overheads });
    const later = await renderDigest(edition, { config, list, locale, overheads });
    expect(overheads.size).toBe(1);
    expect(later.html).toBe(first.html);
    const compacted = first.compactedItemIds;
    expect(compacted.length).toBeGreaterThan(0);
    expect(compacted).toEqual(ids.slice(ids.length - compacted.length));
    expect(first.htmlBytes).toBeLessThanOrEqual(budget);
    const oneMore = await compile(digestMarkup(view(60, compacted.slice(1))));
    expect(Buffer.byteLength(oneMore)).toBeGreaterThan(budget);
  });

  it('a day that looks like it may fit and does not is compacted just enough', async () => {
    const count = locale === 'bilingual' ? 16 : 52;
    const edition = makeEdition(count, config);
    const rendered = await renderDigest(edition, { config, list, locale });
    const compacted = rendered.compactedItemIds;
    expect(compacted.length).toBeGreaterThan(0);
    expect(rendered.htmlBytes).toBeLessThanOrEqual(budget);
    const oneMore = await compile(digestMarkup(view(count, compacted.slice(1))));
    expect(Buffer.byteLength(oneMore)).toBeGreaterThan(budget);
  });

  it('markers measure without changing the HTML: removing them gives the unmarked compile, byte for byte', async () => {
    const v = view(5);
    const marked = await compile(renderMarkup(digestElement(v, true), 'test'));
    expect(marked).toMatch(/<!--gz:item-->|<gz-s><\/gz-s>/);
    expect(finalizeHtml(marked)).toBe(await compile(digestMarkup(v)));
    // The measured pieces add up to the final size.
    expect(measureRegions(marked, 'html').total).toBe(Buffer.byteLength(finalizeHtml(marked)));
  });

  it('overhead learned on a small day predicts the exact size of a 60-item day', async () => {
    // Learn from a 3-item day (another title, other categories).
    const small = renderMarkup(digestElement(view(3), true), 'test');
    const learned = learnOverhead(
      measureRegions(small, 'markup'),
      measureRegions(await compile(small), 'html'),
      titleOf(small),
    );
    // Predict the full 60-item day from its markup alone; with room for everything, all stay full.
    const markup = renderMarkup(digestElement(view(60), true), 'test');
    const regions = measureRegions(markup, 'markup');
    const plan = planCompaction(
      {
        count: 60,
        fixed: regions.total - regions.items.reduce((a, b) => a + b, 0),
        sections: regions.sections.filter((s) => s.kind !== 'item').map((s) => s.kind),
        itemSections: locale === 'bilingual',
        title: titleOf(markup),
        item: (index) => regions.items[index] ?? 0,
        line: () => 0,
        list: 0,
        notice: () => 0,
        categoryOf: [],
      },
      learned,
      10_000_000,
    );
    const html = finalizeHtml(await compile(markup));
    expect(plan).toEqual({ full: 60, bytes: Buffer.byteLength(html) });
  });

  it('an over-budget day is planned to the byte: the prediction equals the compiled size', async () => {
    const edition = makeEdition(40, config);
    await renderDigest(makeEdition(2, config), { config, list, locale }); // learn
    const rendered = await renderDigest(edition, { config, list, locale });
    const { ranked: ids } = arrangeEdition(edition, { config, list, locale });
    const again = await compile(
      digestMarkup(view(40, ids.slice(ids.length - rendered.compactedItemIds.length))),
    );
    expect(rendered.html).toBe(again);
  });

  it('hostile titles cost what they render to when compacted (escaping counted)', async () => {
    const evil = makeStory(1, {
      title: { ko: '<b>"&\'</b>'.repeat(40), en: '<i>&amp;</i>'.repeat(40) },
      categories: ['tech'],
    });
    // One category keeps the given order: the hostile item comes last, so it is compacted.
    const others = Array.from({ length: 59 }, (_, i) => makeStory(i + 2, { categories: ['tech'] }));
    const items = [...others, evil];
    const rendered = await renderDigest(makeEdition(60, config, items), { config, list, locale });
    expect(rendered.compactedItemIds).toContain('item-001');
    expect(rendered.htmlBytes).toBeLessThanOrEqual(budget);
    expect(rendered.html).not.toMatch(/<!--gz:|<gz-/);
    expect(rendered.html).toContain(
      locale === 'en' ? '&lt;i&gt;&amp;amp;&lt;/i&gt;' : '&lt;b&gt;&quot;&amp;&#x27;&lt;/b&gt;',
    );
  });
});
