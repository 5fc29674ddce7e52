// React's development build renders ~10× slower; measure what gazette runs (bin/gazette.js sets
// the same), so React loads only after this line (dynamic imports).
process.env.NODE_ENV ??= 'production';
const { default: mjml2html } = await import('mjml');
const { buildDigestView } = await import('../../src/render/build-digest-view.ts');
const { personalize } = await import('../../src/render/personalize.ts');
const { digestMarkup, renderDigest } = await import('../../src/render/render-digest.ts');
const { makeEdition, makeStory } = await import('../../tests/fixtures/render/make-items.ts');
const { testConfig } = await import('../../tests/fixtures/test-config.ts');
const { measure, printTable } = await import('./measure.ts');

/**
 * Medians of `a` and `b` timed in alternation (after one warm-up each), so load from other work
 * on the shared machine weighs on both alike; 40 runs, so a median holds under that load. `paired`:
 * the median of each run's a / b, the two timed back to back under the same load.
 */
async function interleaved(
  a: () => unknown,
  b: () => unknown,
  runs = 40,
): Promise<{ median: [number, number]; min: [number, number]; paired: number }> {
  await a();
  await b();
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [index, fn] of [a, b].entries()) {
      const start = performance.now();
      await fn();
      times[index]?.push(performance.now() - start);
    }
  }
  const median = (list: number[]) => list.sort((x, y) => x - y)[Math.floor(list.length / 2)] ?? 0;
  const paired = median(times[0].map((time, i) => time / (times[1][i] ?? time)));
  return {
    paired,
    median: [median(times[0]), median(times[1])],
    min: [Math.min(...times[0]), Math.min(...times[1])],
  };
}

// Render: renderDigest against a bare mjml2html of the very markup it compiled, same run.
const config = testConfig();
const list = config.lists[0]!;
const renderRows: Record<string, string | number>[] = [];
for (const [locale, count] of [
  ['bilingual', 12],
  ['bilingual', 30],
  ['bilingual', 60],
  ['ko', 60],
] as const) {
  const edition = makeEdition(count, config);
  const rendered = await renderDigest(edition, { config, list, locale });
  const view = buildDigestView(edition, {
    config,
    list,
    locale,
    mode: 'email',
    compact: new Set(rendered.compactedItemIds),
  });
  const markup = digestMarkup(view);
  const timing = await interleaved(
    () => renderDigest(edition, { config, list, locale }),
    () => mjml2html(markup, { validationLevel: 'strict', fonts: {} }),
  );
  const full = count - rendered.compactedItemIds.length;
  renderRows.push({
    locale,
    items: count,
    'full / compacted': `${full} / ${rendered.compactedItemIds.length}`,
    'renderDigest ms': timing.median[0].toFixed(1),
    'bare mjml2html ms': timing.median[1].toFixed(1),
    ratio: (timing.median[0] / timing.median[1]).toFixed(2),
    // The fastest runs are the least disturbed by other work on a shared machine.
    'ratio of fastest runs': (timing.min[0] / timing.min[1]).toFixed(2),
    // Each renderDigest against the compile right after it: load that comes and goes cancels out.
    'ratio, paired runs': timing.paired.toFixed(2),
    'HTML KB': (rendered.htmlBytes / 1024).toFixed(1),
    'bytes per full item': Math.round(rendered.htmlBytes / Math.max(1, full)),
  });
}
printTable('render (long items; goal: ratio ≤ 1.5)', renderRows);

// Bytes per item, per locale: the frame (a 1-item day), what one more full item adds inside a
// category, the same from 1 to 8 items over 5 categories (each new category adds its heading),
// and what a compacted headline costs (from the 60-item day).
const byteRows: Record<string, string | number>[] = [];
const oneCategory = (count: number) =>
  makeEdition(
    count,
    config,
    Array.from({ length: count }, (_, i) => makeStory(i + 1, { categories: ['tech'] })),
  );
for (const locale of ['ko', 'en', 'bilingual'] as const) {
  const one = await renderDigest(oneCategory(1), { config, list, locale });
  const seven = await renderDigest(oneCategory(7), { config, list, locale });
  const first = await renderDigest(makeEdition(1, config), { config, list, locale });
  const eight = await renderDigest(makeEdition(8, config), { config, list, locale });
  const sixty = await renderDigest(makeEdition(60, config), { config, list, locale });
  const lines = [...sixty.html.matchAll(/<li><a href="[^"]*#item-[^"]*"[\s\S]*?<\/li>/g)].map((m) =>
    Buffer.byteLength(m[0]),
  );
  byteRows.push({
    locale,
    'frame bytes (1 item)': one.htmlBytes,
    'per item, same category': Math.round((seven.htmlBytes - one.htmlBytes) / 6),
    'per item, 1→8 over 5 categories': Math.round((eight.htmlBytes - first.htmlBytes) / 7),
    'compacted headline': Math.round(lines.reduce((a, b) => a + b, 0) / Math.max(1, lines.length)),
    '60-item day: full / compacted': `${60 - sixty.compactedItemIds.length} / ${sixty.compactedItemIds.length}`,
  });
}
printTable('bytes per item (fixture items are long: 4 key points, 3-sentence summaries)', byteRows);

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
