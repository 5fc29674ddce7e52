import { createElement } from 'react';
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
import { DigestEmail } from '../../emails/digest-email.tsx';
import type { DigestProps } from '../../emails/digest-props.ts';
import { buildDigestView } from './build-digest-view.ts';
import { collapseWhitespace } from './collapse-whitespace.ts';
import { compileMarkup } from './compile-markup.ts';
import { finalizeHtml } from './finalize-html.ts';
import { measureRegions } from './measure-regions.ts';
import { learnOverhead } from './mjml-overhead.ts';
import type { MjmlOverhead } from './mjml-overhead.ts';
import { planCompaction } from './plan-compaction.ts';
import type { CompactCosts } from './plan-compaction.ts';
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
// What MJML adds per section kind and frame, learned from every compile, per locale (the font
// stack each text block repeats differs).
const overheads = new Map<Locale, MjmlOverhead>();

/**
 * Render one edition for one list and locale, once for every recipient: subject, preheader, HTML
 * (per-recipient values as placeholders, see `personalize`) and the plain-text part, both from
 * the same view. In email mode the HTML stays within `config.budgetBytes`: when the full edition
 * does not fit, items from the end are compacted to headline + link to the web edition, and
 * the email links to the full edition.
 *
 * Cost: the full digest's markup is rendered once with markers that measure each item; the
 * compaction is planned from those sizes and the MJML overhead learned from earlier compiles. A
 * day that fits costs one markup render and one compile; a day over budget at most two compiles
 * (one when the learned overhead already predicts the right compaction).
 * Rejects with RENDER_FAILED/RENDER_MJML on template or MJML errors and RENDER_BUDGET when even a
 * fully compacted edition is too big.
 */
export async function renderDigest(edition: Edition, options: RenderDigestOptions): Promise<RenderedEmail> {
  const mode = options.mode ?? 'email';
  const viewFor = (compact: ReadonlySet<string>) =>
    buildDigestView(edition, {
      config: options.config,
      list: options.list,
      locale: options.locale,
      mode,
      compact,
    });
  const template = `digest ${edition.date} ${options.list.id}.${options.locale}`;
  const full = viewFor(new Set());
  if (mode === 'web') {
    const html = collapseWhitespace(await compileMarkup(digestMarkup(full), template));
    return finish(full, html, []);
  }
  const budget = options.config.budgetBytes - PERSONALIZATION_RESERVE;
  const ids = editionItems(edition).map((item) => item.id);
  const key = options.locale;
  const fullMarkup = renderMarkup(digestElement(full, true), template);
  const measured = measureRegions(fullMarkup, 'markup');
  const title = titleBytes(fullMarkup);
  const costs = once(() => compactCosts(viewFor(new Set(ids)), ids));
  const plan = (overhead: MjmlOverhead | undefined) =>
    overhead === undefined ? 'unknown' : planCompaction(measured, title, overhead, costs, budget);
  const viewOf = (fullCount: number) =>
    fullCount === ids.length ? full : viewFor(new Set(ids.slice(fullCount)));
  const tooBig = () =>
    new GazetteError(
      'RENDER_BUDGET',
      `${template} is over its budget of ${options.config.budgetBytes} bytes even with its items compacted. Raise budgetBytes (at most 102000) or split the day's items over more lists.`,
      { template },
    );

  // First compile: the compaction predicted by what was learned, or the full digest.
  const predicted = plan(overheads.get(key));
  if (predicted === 'too-big') throw tooBig();
  let fullCount = predicted === 'unknown' ? ids.length : predicted.full;
  let view = viewOf(fullCount);
  const markup = fullCount === ids.length ? fullMarkup : renderMarkup(digestElement(view, true), template);
  const marked = collapseWhitespace(await compileMarkup(markup, template));
  let html = finalizeHtml(marked);
  const learned = learnOverhead(measureRegions(markup, 'markup'), measureRegions(marked, 'html'), title);
  overheads.set(key, learned);
  const fits = Buffer.byteLength(html) <= budget;
  const best = plan(learned);
  if (best === 'too-big') throw tooBig();
  if (best === 'unknown') {
    // Only a digest without items leaves a kind unlearned; it has nothing to compact.
    if (fits) return finish(view, html, ids.slice(fullCount));
    throw tooBig();
  }
  if (fits && best.full <= fullCount) return finish(view, html, ids.slice(fullCount));

  // Second compile: the planned compaction, exact now that this day's overhead is known.
  const fallback = fits ? { view, html, fullCount } : undefined;
  fullCount = best.full;
  for (let attempt = 0; attempt <= MAX_CORRECTIONS; attempt++) {
    view = viewOf(fullCount);
    html = collapseWhitespace(await compileMarkup(digestMarkup(view), template));
    const bytes = Buffer.byteLength(html);
    if (bytes <= budget) return finish(view, html, ids.slice(fullCount));
    if (fallback !== undefined) return finish(fallback.view, fallback.html, ids.slice(fallback.fullCount));
    if (fullCount === 0) break;
    // A wrong prediction (not expected): compact in proportion to the overshoot, at least one more.
    const perItem = bytes / Math.max(1, fullCount);
    fullCount = Math.max(0, fullCount - Math.max(1, Math.ceil((bytes - budget) / perItem)));
  }
  throw tooBig();
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
function compactCosts(compacted: DigestProps, ids: string[]): CompactCosts {
  const { languages } = compacted;
  const lines = new Map<string, number>();
  const categoryOf = new Map<string, number>();
  compacted.sections.forEach((section, index) => {
    for (const item of section.compacted) {
      lines.set(item.id, bytesOf(createElement(CompactLine, { languages, item })));
      categoryOf.set(item.id, index);
    }
  });
  const notices = new Map<number, number>();
  return {
    line: (index) => lines.get(ids[index] ?? '') ?? 0,
    list: bytesOf(createElement(CompactItems, { languages, items: [] })),
    notice: (shown) => {
      let bytes = notices.get(shown);
      if (bytes === undefined) {
        bytes = bytesOf(
          createElement(CompactedNotice, {
            languages,
            shown,
            total: ids.length,
            fullEditionUrl: compacted.fullEditionUrl,
          }),
        );
        notices.set(shown, bytes);
      }
      return bytes;
    },
    categoryOf: ids.map((id) => categoryOf.get(id) ?? -1),
  };
}

function bytesOf(element: ReactElement): number {
  return Buffer.byteLength(renderToStaticMarkup(element));
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

function finish(view: DigestProps, html: string, compacted: string[]): RenderedEmail {
  return {
    subject: view.subject,
    preheader: view.preheader,
    html,
    text: renderText(view),
    htmlBytes: Buffer.byteLength(html),
    compactedItemIds: compacted,
  };
}
