import { createElement } from 'react';
import type { ReactElement } from 'react';
import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Edition } from '../edition/edition.ts';
import { GazetteError } from '../errors.ts';
import type { Locale } from '../locale.ts';
import { DigestEmail } from '../../emails/digest-email.tsx';
import type { DigestProps, FullItemView } from '../../emails/digest-props.ts';
import { arrangeEdition } from './arrange-edition.ts';
import { assembleMarkup } from './assemble-markup.ts';
import { digestViews } from './build-digest-view.ts';
import type { DigestViews } from './build-digest-view.ts';
import { collapseWhitespace } from './collapse-whitespace.ts';
import { compileMarkup } from './compile-markup.ts';
import { DigestParts } from './digest-parts.ts';
import { finalizeHtml } from './finalize-html.ts';
import { measureDigest, titleBytes, wordBytes } from './measure-digest.ts';
import { measureRegions } from './measure-regions.ts';
import { learnOverhead } from './mjml-overhead.ts';
import type { LearnedOverhead, OverheadCache } from './mjml-overhead.ts';
import { planCompaction } from './plan-compaction.ts';
import type { DigestSizes } from './plan-compaction.ts';
import { renderMarkup } from './render-markup.ts';
import { renderText } from './render-text.ts';
import type { RenderedEmail } from './rendered-email.ts';
import { templateFingerprint } from './template-fingerprint.ts';

export interface RenderDigestOptions {
  config: Config;
  list: ListConfig;
  locale: Locale;
  /** `email` (default): budgeted, with per-recipient placeholders. `web`: every item in full. */
  mode?: 'email' | 'web';
  /**
   * Where MJML overheads learned from earlier renders are kept, by template fingerprint. Default:
   * one cache for the process; keyed by what the overhead depends on, so a render's result never
   * depends on what was rendered before it, only its cost does.
   */
  overheads?: OverheadCache;
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

const sharedOverheads: OverheadCache = new Map<string, LearnedOverhead>();

/**
 * Render one edition for one list and locale, once for every recipient: subject, preheader, HTML
 * (per-recipient values as placeholders, see `personalize`) and the plain-text part, both from
 * the same view. In email mode the HTML stays within `config.budgetBytes`: when the full edition
 * does not fit, the lightest items are compacted to headline + link to the web edition (every
 * section keeps its heaviest item in full before any keeps a second, see `arrangeEdition`), and
 * the email links to the full edition.
 *
 * Steps: measure (`measureDigest`: the digest's parts in markup bytes), plan (`planCompaction`:
 * how many items stay in full, predicted with the MJML overhead learned for this template) and
 * fit (compile; correct a wrong prediction; when even every headline is over, keep the headlines
 * that fit and link the rest). The first render of a template fingerprint compiles the full digest
 * with markers and learns the overhead (exact to the byte); later ones cost one compile on a day
 * that fits. React renders each item and each compacted headline once per render (`DigestParts`);
 * every markup measured or compiled is the template's frame with those parts put in its slots
 * (`assembleMarkup`), the same string as rendering the view in one piece. Rejects with
 * RENDER_FAILED/RENDER_MJML on template or MJML errors, and RENDER_BUDGET only when the parts
 * that are not items (masthead, footer) alone are over the budget.
 */
export async function renderDigest(edition: Edition, options: RenderDigestOptions): Promise<RenderedEmail> {
  const fit = new DigestFit(edition, options);
  if (fit.mode === 'web') return fit.finish(fit.full, await fit.compile(digestMarkup(fit.full)), []);
  const cache = options.overheads ?? sharedOverheads;
  const key = `${options.locale} ${templateFingerprint(fit.compactedMarkup())}`;
  const learned = cache.get(key);
  if (learned !== undefined) {
    const result = await fit.fromLearned(learned);
    if (result !== 'unknown') return result;
    // A section kind this template never showed before (a first day with bilingual items, say).
    cache.delete(key);
  }
  const { result, learned: fresh } = await fit.learning();
  cache.set(key, fresh);
  return result;
}

/** The digest template as a React element (MJML markup once rendered); used by benchmarks too. */
export function digestElement(view: DigestProps, markers = false): ReactElement {
  return createElement(DigestEmail, { ...view, markers });
}

/** The MJML source of a view, before compiling, rendered in one piece (the web edition, benchmarks). */
export function digestMarkup(view: DigestProps): string {
  return renderMarkup(digestElement(view), `digest ${view.subject}`);
}

/** One render's state: the views it builds, the plan and the compiles that fit it to the budget. */
class DigestFit {
  readonly mode: 'email' | 'web';
  readonly full: DigestProps;
  private readonly ranked: string[];
  private readonly budget: number;
  private readonly template: string;
  private readonly fullItems: Map<string, FullItemView>;
  /** The items' and headlines' markup, rendered once: measured, then put into every markup. */
  private readonly parts: DigestParts;
  private compactedView?: DigestProps;
  private compactedMarked?: string;
  private sizes?: DigestSizes;

  constructor(
    private readonly edition: Edition,
    private readonly options: RenderDigestOptions,
  ) {
    this.mode = options.mode ?? 'email';
    const arrangement = arrangeEdition(edition, options);
    this.view = digestViews(edition, { ...options, mode: this.mode, arrangement });
    this.ranked = arrangement.ranked;
    this.full = this.view(new Set());
    this.budget = options.config.budgetBytes - PERSONALIZATION_RESERVE;
    this.template = `digest ${edition.date} ${options.list.id}.${options.locale}`;
    this.fullItems = new Map(
      this.full.sections.flatMap((section) => section.items.map((item) => [item.id, item] as const)),
    );
    this.parts = new DigestParts(this.full.languages, this.template);
  }

  private readonly view: DigestViews;

  compile = async (markup: string): Promise<string> =>
    collapseWhitespace(await compileMarkup(markup, this.template));

  /** A view's markup from the parts rendered once (see `assembleMarkup`). */
  private markup(view: DigestProps, markers = false): string {
    return assembleMarkup(view, this.parts, this.template, markers);
  }

  /** The all-compacted digest's markup with markers (small): the fingerprint and the fixed parts. */
  compactedMarkup(): string {
    this.compactedView ??= this.view(new Set(this.ranked));
    this.compactedMarked ??= this.markup(this.compactedView, true);
    return this.compactedMarked;
  }

  /** Measure step, one way: item markup from a full render when there was one, else rendered alone. */
  private measure(): DigestSizes {
    const compactedMarkup = this.compactedMarkup();
    this.sizes ??= measureDigest({
      compacted: this.compactedView as DigestProps,
      compactedMarkup,
      full: this.fullItems,
      ranked: this.ranked,
      parts: this.parts,
    });
    return this.sizes;
  }

  /** First render of a template: compile the full digest with markers and learn from it. */
  async learning(): Promise<{ result: RenderedEmail; learned: LearnedOverhead }> {
    const markup = this.markup(this.full, true);
    const marked = await this.compile(markup);
    const html = finalizeHtml(marked);
    const regions = measureRegions(markup, 'markup');
    const overhead = learnOverhead(regions, measureRegions(marked, 'html'), titleBytes(markup));
    const bilingual = this.full.languages.length > 1;
    const perItem = bilingual ? (overhead.bySection.item ?? 0) : 0;
    const shown = [...this.fullItems.values()];
    const floors = shown.map((item, index) => (regions.items[index] ?? 0) + perItem - wordBytes(item));
    const learned = { overhead, itemFloor: Math.max(0, Math.min(...floors, Infinity)) };
    if (Buffer.byteLength(html) <= this.budget)
      return { result: this.done(this.ranked.length, html), learned };
    const result = await this.planned(this.measure(), learned);
    // No item section to learn from (a one-language day of compacted items only): headlines only.
    return { result: result === 'unknown' ? await this.headlinesThatFit() : result, learned };
  }

  /** Later renders: a day that may fit is compiled once; one certainly over is planned first. */
  async fromLearned(learned: LearnedOverhead): Promise<RenderedEmail | 'unknown'> {
    // The words alone (plus the least markup an item ever had) over budget: certainly over.
    const floor = [...this.fullItems.values()].reduce(
      (sum, item) => sum + wordBytes(item) + learned.itemFloor,
      0,
    );
    if (floor <= this.budget) {
      const html = await this.compile(this.markup(this.full));
      if (Buffer.byteLength(html) <= this.budget) return this.done(this.ranked.length, html);
    }
    return this.planned(this.measure(), learned);
  }

  /** Plan step, then fit: compile the plan, correcting it if the prediction was wrong. */
  private async planned(sizes: DigestSizes, learned: LearnedOverhead): Promise<RenderedEmail | 'unknown'> {
    const plan = planCompaction(sizes, learned.overhead, this.budget);
    if (plan === 'too-big') return this.headlinesThatFit();
    if (plan === 'unknown') return plan;
    let fullCount = plan.full;
    for (let attempt = 0; attempt <= MAX_CORRECTIONS; attempt++) {
      const html = await this.compile(this.markup(this.viewOf(fullCount)));
      const bytes = Buffer.byteLength(html);
      if (bytes <= this.budget) return this.done(fullCount, html);
      if (fullCount === 0) break;
      // A wrong prediction (not expected): compact in proportion to the overshoot, at least one more.
      const perItem = bytes / Math.max(1, fullCount);
      fullCount = Math.max(0, fullCount - Math.max(1, Math.ceil((bytes - this.budget) / perItem)));
    }
    return this.headlinesThatFit();
  }

  /**
   * Even every item as a headline is over (hundreds of items, or enormous titles): keep the
   * headlines that fit, heaviest first, and link the rest to the web edition as a whole, rather
   * than stopping the day's send.
   */
  private async headlinesThatFit(): Promise<RenderedEmail> {
    const { line } = this.measure();
    const ids = this.ranked;
    let shown = ids.length;
    for (let attempt = 0; attempt <= MAX_TRIMS; attempt++) {
      const omitted = ids.slice(shown);
      const view = this.view(new Set(ids), new Set(omitted));
      const html = await this.compile(this.markup(view));
      const bytes = Buffer.byteLength(html);
      if (bytes <= this.budget) return this.finish(view, html, ids, omitted);
      if (shown === 0) break;
      // Drop headlines from the end until their bytes cover the overshoot (the next compile
      // measures the "more in the web edition" lines this adds).
      let over = bytes - this.budget;
      while (shown > 0 && over > 0) over -= line(--shown);
    }
    throw new GazetteError(
      'RENDER_BUDGET',
      `${this.template} is over its budget of ${this.options.config.budgetBytes} bytes even with every item left to the web edition. Raise budgetBytes (at most 102000) or shorten the config's fixed texts (names, postal address).`,
      { template: this.template },
    );
  }

  private viewOf(fullCount: number): DigestProps {
    return fullCount === this.ranked.length ? this.full : this.view(new Set(this.ranked.slice(fullCount)));
  }

  private done(fullCount: number, html: string): RenderedEmail {
    return this.finish(this.viewOf(fullCount), html, this.ranked.slice(fullCount));
  }

  finish(view: DigestProps, html: string, compacted: string[], omitted: string[] = []): RenderedEmail {
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
}
