import mjml2html from 'mjml';
import { buildDigestView } from '../../src/render/build-digest-view.ts';
import { personalize } from '../../src/render/personalize.ts';
import { digestMarkup, renderDigest } from '../../src/render/render-digest.ts';
import { makeEdition, testConfig } from '../../tests/fixtures/render/make-items.ts';
import { measure, printTable } from './measure.ts';

// Render: renderDigest against a bare mjml2html of the very markup it compiled, same run.
const config = testConfig();
const list = config.lists[0]!;
const renderRows: Record<string, string | number>[] = [];
for (const count of [12, 30, 60]) {
  const edition = makeEdition(count, config);
  const rendered = await renderDigest(edition, { config, list, locale: 'bilingual' });
  const view = buildDigestView(edition, {
    config,
    list,
    locale: 'bilingual',
    mode: 'email',
    compact: new Set(rendered.compactedItemIds),
  });
  const markup = digestMarkup(view);
  const ours = await measure(() => renderDigest(edition, { config, list, locale: 'bilingual' }));
  const bare = await measure(() => mjml2html(markup, { validationLevel: 'strict', fonts: {} }));
  const full = count - rendered.compactedItemIds.length;
  renderRows.push({
    items: count,
    'full / compacted': `${full} / ${rendered.compactedItemIds.length}`,
    'renderDigest ms': ours.toFixed(1),
    'bare mjml2html ms': bare.toFixed(1),
    ratio: (ours / bare).toFixed(2),
    'HTML KB': (rendered.htmlBytes / 1024).toFixed(1),
    'bytes per full item': Math.round(rendered.htmlBytes / Math.max(1, full)),
  });
}
printTable('render (bilingual, long items; goal: ratio ≤ 1.5)', renderRows);

// Bytes per item: the growth from 1 to 12 full items, per locale.
const byteRows: Record<string, string | number>[] = [];
for (const locale of ['ko', 'en', 'bilingual'] as const) {
  const one = await renderDigest(makeEdition(1, config), { config, list, locale });
  const many = await renderDigest(makeEdition(8, config), { config, list, locale });
  byteRows.push({
    locale,
    'frame bytes (1 item)': one.htmlBytes,
    'bytes per added item': Math.round((many.htmlBytes - one.htmlBytes) / 7),
  });
}
printTable('bytes per item (fixture items are long: ~4 key points, 3-sentence summaries)', byteRows);

// Personalize 10,000 recipients against re-rendering, extrapolated from 50 renders.
const edition = makeEdition(12, config);
const rendered = await renderDigest(edition, { config, list, locale: 'bilingual' });
const RECIPIENTS = 10_000;
const SAMPLE = 50;
const substitute = await measure(
  () => {
    let bytes = 0;
    for (let i = 0; i < RECIPIENTS; i++) {
      bytes += personalize(rendered, {
        token: `tok${i}_abcdefghijklmnopqrstuvwxyz0123456789`,
        name: `Reader ${i}`,
      }).html.length;
    }
    return bytes;
  },
  3,
  1,
);
const start = performance.now();
for (let i = 0; i < SAMPLE; i++) await renderDigest(edition, { config, list, locale: 'bilingual' });
const perRender = (performance.now() - start) / SAMPLE;
const rerender = perRender * RECIPIENTS;
printTable('personalize 10,000 recipients (goal: ≤ 1% of re-rendering)', [
  {
    'personalize ms': substitute.toFixed(0),
    're-render ms (extrapolated)': rerender.toFixed(0),
    'one render ms': perRender.toFixed(1),
    share: `${((substitute / rerender) * 100).toFixed(3)} %`,
  },
]);
