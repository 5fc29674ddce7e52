import { createElement } from 'react';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Edition } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';
import { GazetteError } from '../errors.ts';
import type { Locale } from '../locale.ts';
import { languagesOf } from '../locale.ts';
import { DigestEmail } from '../../emails/digest-email.tsx';
import type { DigestProps } from '../../emails/digest-props.ts';
import { buildDigestView } from './build-digest-view.ts';
import { collapseWhitespace } from './collapse-whitespace.ts';
import { compileMjml } from './compile-mjml.ts';
import { estimateCompaction, mjmlOverhead } from './estimate-compaction.ts';
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
const MAX_ATTEMPTS = 6;

/**
 * Render one edition for one list and locale, once for every recipient: subject, preheader, HTML
 * (per-recipient values as placeholders, see `personalize`) and the plain-text part, both from
 * the same view. In email mode the HTML stays within `config.budgetBytes`: when the full edition
 * does not fit, items from the end are compacted to headline + link to the web edition, and
 * the email links to the full edition. Rejects with RENDER_FAILED/RENDER_MJML on template or
 * MJML errors and RENDER_BUDGET when even a fully compacted edition is too big.
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
  const compile = async (v: DigestProps) => collapseWhitespace(await compileMjml(digestElement(v), template));
  if (mode === 'web') {
    const view = viewFor(new Set());
    return finish(view, await compile(view), []);
  }
  const budget = options.config.budgetBytes - PERSONALIZATION_RESERVE;
  const ids = editionItems(edition).map((item) => item.id);
  const base = { config: options.config, list: options.list, locale: options.locale, mode };
  const overhead = await mjmlOverhead(languagesOf(options.locale).length, base, async (v) => ({
    markup: markupBytes(v),
    html: Buffer.byteLength(await compile(v)),
  }));
  // Choose the compaction from React markup first, so an oversized day is compiled once, not twice.
  let compacted = estimateCompaction(markupBytes, viewFor, overhead, budget);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const view = viewFor(new Set(compacted));
    const html = await compile(view);
    const bytes = Buffer.byteLength(html);
    if (bytes <= budget) return finish(view, html, compacted);
    if (compacted.length === ids.length) break;
    // The estimate was short: compact more, in proportion to the overshoot, at least one item.
    const perItem = bytes / Math.max(1, ids.length - compacted.length);
    const more = Math.max(1, Math.ceil((bytes - budget) / perItem));
    compacted = ids.slice(Math.max(0, ids.length - compacted.length - more));
  }
  throw new GazetteError(
    'RENDER_BUDGET',
    `${template} is over its budget of ${options.config.budgetBytes} bytes even with its items compacted. Raise budgetBytes (at most 102000) or split the day's items over more lists.`,
    { template },
  );
}

/** The digest template as a React element (MJML markup once rendered); used by benchmarks too. */
export function digestElement(view: DigestProps): ReactElement {
  return createElement(DigestEmail, view);
}

/** The MJML source of a view, before compiling. */
export function digestMarkup(view: DigestProps): string {
  return renderToStaticMarkup(digestElement(view));
}

function markupBytes(view: DigestProps): number {
  return Buffer.byteLength(digestMarkup(view));
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
