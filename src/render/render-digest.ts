import { createElement, Fragment } from 'react';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Edition } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';
import { GazetteError } from '../errors.ts';
import type { Locale } from '../locale.ts';
import { CompactItems, CompactLine } from '../../emails/components/compact-items.tsx';
import { CompactedNotice } from '../../emails/components/contents-block.tsx';
import { DigestEmail, DigestItem } from '../../emails/digest-email.tsx';
import type { DigestProps, FullItemView } from '../../emails/digest-props.ts';
import { buildDigestView } from './build-digest-view.ts';
import { collapseWhitespace } from './collapse-whitespace.ts';
import { compileMarkup } from './compile-markup.ts';
import { finalizeHtml } from './finalize-html.ts';
import { measureRegions } from './measure-regions.ts';
import { learnOverhead } from './mjml-overhead.ts';
import type { MjmlOverhead } from './mjml-overhead.ts';
import { planCompaction } from './plan-compaction.ts';
import type { CompactionPlan, DigestSizes } from './plan-compaction.ts';
import { renderMarkup } from './render-markup.ts';
import { renderText } from './render-text.ts';
import type { RenderedEmail } from './rendered-email.ts';

export interface RenderDigestOptions {
  config: Config;
  list: ListConfig;
  locale: Locale;
  /** `email` (default): budgeted, with per-recipient placeholders. `web`: every item in full. */
  mode?: 'email' | 'web';
}

/**
 * Bytes kept free for what `personalize` adds: two tokens in links and a name per language.
 * Measured budgets therefore hold for the mail actually sent.
 */
export const PERSONALIZATION_RESERVE = 1_024;
// Only reached if a prediction were wrong: compact more and compile again, a bounded number of times.
const MAX_CORRECTIONS = 3;
// Headlines kept when even all of them are over: trimmed from the end, re-measured each time.
const MAX_TRIMS = 5;
// Items measured per React render when planning from items alone.
const ITEM_BATCH = 8;

/** What one compile taught about a locale's template. */
interface Learned {
  overhead: MjmlOverhead;
  /** The least an item's HTML adds beyond its words: a floor to spot certainly-over days cheaply. */
  itemFloor: number;
}
// Learned from the first compile of each locale in this process (the font stack each text block
// repeats differs per locale, so do the section overheads).
const learnedByLocale = new Map<Locale, Learned>();

/**
 * Render one edition for one list and locale, once for every recipient: subject, preheader, HTML
 * (per-recipient values as placeholders, see `personalize`) and the plain-text part, both from
 * the same view. In email mode the HTML stays within `config.budgetBytes`: when the full edition
 * does not fit, items from the end are compacted to headline + link to the web edition, and
 * the email links to the full edition.
 *
 * Cost: the first render of a locale compiles the full digest with markers and learns what MJML
 * adds per section (exact to the byte). After that a day that fits costs one markup render and
 * one compile; a day certainly over budget is planned from its items measured one by one (only
 * as many as fit) and compiled once; a day that looked like it might fit and did not, twice.
 * When even every item as a headline is over (hundreds of items, enormous titles), the headlines
 * that fit are kept and the rest counted and linked to the web edition. Rejects with
 * RENDER_FAILED/RENDER_MJML on template or MJML errors, and RENDER_BUDGET only when the parts
 * that are not items (masthead, footer) alone are over the budget.
 */
export async function renderDigest(edition: Edition, options: RenderDigestOptions): Promise<RenderedEmail> {
  const mode = options.mode ?? 'email';
  const viewFor = (compact: ReadonlySet<string>, omit?: ReadonlySet<string>) =>
    buildDigestView(edition, {
      config: options.config,
      list: options.list,
      locale: options.locale,
      mode,
      compact,
      omit,
    });
  const template = `digest ${edition.date} ${options.list.id}.${options.locale}`;
  const compile = async (markup: string) => collapseWhitespace(await compileMarkup(markup, template));
  const full = viewFor(new Set());
  if (mode === 'web') return finish(full, await compile(digestMarkup(full)), []);

  const budget = options.config.budgetBytes - PERSONALIZATION_RESERVE;
  const ids = editionItems(edition).map((item) => item.id);
  const items = full.sections.flatMap((section) => section.items);
  const bilingual = full.languages.length > 1;
  const viewOf = (fullCount: number) =>
    fullCount === ids.length ? full : viewFor(new Set(ids.slice(fullCount)));
  const done = (fullCount: number, html: string) => finish(viewOf(fullCount), html, ids.slice(fullCount));
  const tooBig = () =>
    new GazetteError(
      'RENDER_BUDGET',
      `${template} is over its budget of ${options.config.budgetBytes} bytes even with every item left to the web edition. Raise budgetBytes (at most 102000) or shorten the config's fixed texts (names, postal address).`,
      { template },
    );
  const compacted = once(() => viewFor(new Set(ids)));
  const costs = once(() => compactCosts(compacted(), ids));
  // Sizes for planning: items measured alone, the rest from the all-compacted digest (small).
  const measuredAlone = once((): DigestSizes => {
    const markup = renderMarkup(digestElement(compacted(), true), template);
    const regions = measureRegions(markup, 'markup');
    const known = costs();
    const lines = ids.reduce((sum, _, index) => sum + known.line(index), 0);
    const categories = new Set(known.categoryOf).size;
    const itemBytes: number[] = [];
    return {
      ...known,
      count: ids.length,
      fixed: regions.total - lines - categories * known.list - known.notice(0),
      sections: regions.sections.map((section) => section.kind),
      itemSections: bilingual,
      title: titleBytes(markup),
      item: (index) => {
        if (index >= itemBytes.length) {
          // Measured in batches (one React render each), only as far as planning asks.
          const batch = items.slice(itemBytes.length, Math.max(index + 1, itemBytes.length + ITEM_BATCH));
          itemBytes.push(...bytesOfEach(batch.map((item) => createElement(DigestItem, { item, bilingual }))));
        }
        return itemBytes[index] ?? 0;
      },
    };
  });
  // Even every item as a headline is over (hundreds of items, or enormous titles): keep the
  // headlines that fit, from the start, and link the rest to the web edition as a whole, rather
  // than stopping the day's send.
  const headlinesThatFit = async (): Promise<RenderedEmail> => {
    const line = costs().line;
    let shown = ids.length;
    for (let attempt = 0; attempt <= MAX_TRIMS; attempt++) {
      const omitted = ids.slice(shown);
      const view = viewFor(new Set(ids), new Set(omitted));
      const html = await compile(digestMarkup(view));
      const bytes = Buffer.byteLength(html);
      if (bytes <= budget) return finish(view, html, ids, omitted);
      if (shown === 0) break;
      // Drop headlines from the end until their bytes cover the overshoot (the next compile
      // measures the "more in the web edition" lines this adds).
      let over = bytes - budget;
      while (shown > 0 && over > 0) over -= line(--shown);
    }
    throw tooBig();
  };
  const compileOrCorrect = async (planned: CompactionPlan) => {
    let fullCount = planned.full;
    for (let attempt = 0; attempt <= MAX_CORRECTIONS; attempt++) {
      const html = await compile(digestMarkup(viewOf(fullCount)));
      const bytes = Buffer.byteLength(html);
      if (bytes <= budget) return done(fullCount, html);
      if (fullCount === 0) return headlinesThatFit();
      // A wrong prediction (not expected): compact in proportion to the overshoot, at least one more.
      const perItem = bytes / Math.max(1, fullCount);
      fullCount = Math.max(0, fullCount - Math.max(1, Math.ceil((bytes - budget) / perItem)));
    }
    return headlinesThatFit();
  };
  const planned = async (sizes: DigestSizes, overhead: MjmlOverhead) => {
    const plan = planCompaction(sizes, overhead, budget);
    if (plan === 'too-big') return headlinesThatFit();
    if (plan === 'unknown') return plan;
    return compileOrCorrect(plan);
  };

  const learned = learnedByLocale.get(options.locale);
  if (learned === undefined) {
    // First render of this locale: compile the full digest with markers and learn from it.
    const markup = renderMarkup(digestElement(full, true), template);
    const marked = await compile(markup);
    const html = finalizeHtml(marked);
    const regions = measureRegions(markup, 'markup');
    const title = titleBytes(markup);
    const overhead = learnOverhead(regions, measureRegions(marked, 'html'), title);
    const perItem = bilingual ? (overhead.bySection.item ?? 0) : 0;
    const floors = items.map((item, index) => (regions.items[index] ?? 0) + perItem - wordBytes(item));
    learnedByLocale.set(options.locale, { overhead, itemFloor: Math.max(0, Math.min(...floors, Infinity)) });
    if (Buffer.byteLength(html) <= budget) return done(ids.length, html);
    const result = await planned(
      {
        ...costs(),
        count: ids.length,
        fixed: regions.total - regions.items.reduce((sum, bytes) => sum + bytes, 0),
        sections: regions.sections.filter((s) => s.kind !== 'item').map((s) => s.kind),
        itemSections: bilingual,
        title,
        item: (index) => regions.items[index] ?? 0,
      },
      overhead,
    );
    // No item section to learn from (a one-language day of compacted items only): headlines only.
    return result === 'unknown' ? headlinesThatFit() : result;
  }

  // The words alone (plus the least markup an item ever had) over budget: certainly over.
  const floor = items.reduce((sum, item) => sum + wordBytes(item) + learned.itemFloor, 0);
  if (floor <= budget) {
    const html = await compile(digestMarkup(full));
    if (Buffer.byteLength(html) <= budget) return done(ids.length, html);
  }
  const result = await planned(measuredAlone(), learned.overhead);
  if (result === 'unknown') {
    // A kind never seen (a first day without bilingual items, say): learn it the first way.
    learnedByLocale.delete(options.locale);
    return renderDigest(edition, options);
  }
  return result;
}

/** The digest template as a React element (MJML markup once rendered); used by benchmarks too. */
export function digestElement(view: DigestProps, markers = false): ReactElement {
  return createElement(DigestEmail, { ...view, markers });
}

/** The MJML source of a view, before compiling. */
export function digestMarkup(view: DigestProps): string {
  return renderMarkup(digestElement(view), `digest ${view.subject}`);
}

/** What each item costs compacted, from renders of the compacted parts alone (all small). */
function compactCosts(
  compacted: DigestProps,
  ids: string[],
): Pick<DigestSizes, 'line' | 'list' | 'notice' | 'categoryOf'> {
  const { languages } = compacted;
  const lines = new Map<string, number>();
  const categoryOf = new Map<string, number>();
  const all = compacted.sections.flatMap((section, index) =>
    section.compacted.map((item) => {
      categoryOf.set(item.id, index);
      return item;
    }),
  );
  const sizes = bytesOfEach(all.map((item) => createElement(CompactLine, { languages, item })));
  all.forEach((item, index) => lines.set(item.id, sizes[index] ?? 0));
  // The notice differs only in its numbers: one render per number of digits.
  const notices = new Map<number, number>();
  return {
    line: (index) => lines.get(ids[index] ?? '') ?? 0,
    list: bytesOf(createElement(CompactItems, { languages, items: [] })),
    notice: (shown) => {
      const digits = String(shown).length;
      let bytes = notices.get(digits);
      if (bytes === undefined) {
        bytes = bytesOf(
          createElement(CompactedNotice, {
            languages,
            shown,
            total: ids.length,
            fullEditionUrl: compacted.fullEditionUrl,
          }),
        );
        notices.set(digits, bytes);
      }
      return bytes;
    },
    categoryOf: ids.map((id) => categoryOf.get(id) ?? -1),
  };
}

/** The bytes of an item's words (text, source, links): what its markup can never be under. */
function wordBytes(item: FullItemView): number {
  let bytes = 0;
  for (const column of item.columns) {
    const texts = [
      column.title.text,
      column.summary?.text,
      column.soWhat?.text,
      item.source,
      item.url,
      item.url,
    ];
    for (const text of [...texts, ...(column.keyPoints?.points ?? [])])
      bytes += Buffer.byteLength(text ?? '');
  }
  return bytes;
}

function bytesOf(element: ReactElement): number {
  return Buffer.byteLength(renderToStaticMarkup(element));
}

const SEPARATOR = '<gz-e></gz-e>';

/** The bytes of each element, from one render (a render has a fixed cost worth sharing). */
function bytesOfEach(elements: ReactElement[]): number[] {
  if (elements.length === 0) return [];
  const children = elements.flatMap((element, index) => [
    createElement(Fragment, { key: `e${index}` }, element),
    createElement('gz-e', { key: `s${index}` }),
  ]);
  const parts = renderToStaticMarkup(createElement(Fragment, null, ...children)).split(SEPARATOR);
  return elements.map((_, index) => Buffer.byteLength(parts[index] ?? ''));
}

/** MJML writes the title twice (`<title>` and the body's `aria-label`); the markup holds it once. */
function titleBytes(markup: string): number {
  const match = /<mj-title>([\s\S]*?)<\/mj-title>/.exec(markup);
  return match === null ? 0 : Buffer.byteLength(match[1] ?? '');
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function finish(view: DigestProps, html: string, compacted: string[], omitted: string[] = []): RenderedEmail {
  return {
    subject: view.subject,
    preheader: view.preheader,
    html,
    text: renderText(view),
    htmlBytes: Buffer.byteLength(html),
    compactedItemIds: compacted,
    omittedItemIds: omitted,
  };
}
