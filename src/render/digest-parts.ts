import { createElement } from 'react';
import { CompactLine } from '../../emails/components/compact-items.tsx';
import { DigestItem } from '../../emails/digest-email.tsx';
import type { CompactItemView, FullItemView } from '../../emails/digest-props.ts';
import type { Language } from '../locale.ts';
import { renderEach } from './render-each.ts';

/**
 * The parts of a digest that repeat: each full item's MJML markup (`DigestItem`) and each
 * compacted headline's (`CompactLine`), exactly as the template writes them, from React (so every
 * text escaped), rendered at most once per `renderDigest`. Planning weighs them; `assembleMarkup`
 * puts the same strings into every markup the render compiles or measures, instead of React
 * rendering them again. Keyed by item id: within one render an item's view is the same in every
 * view of the digest (it depends on the edition and the locale, not on what else is compacted).
 */
export class DigestParts {
  private readonly items = new Map<string, string>();
  private readonly lines = new Map<string, string>();

  constructor(
    private readonly languages: Language[],
    private readonly template: string,
  ) {}

  hasItem(id: string): boolean {
    return this.items.has(id);
  }

  /** Each item's markup in full; those not rendered yet in one React render. */
  itemMarkup(items: readonly FullItemView[]): string[] {
    const bilingual = this.languages.length > 1;
    return this.cached(this.items, items, (item) => createElement(DigestItem, { item, bilingual }));
  }

  /** Each compacted headline's markup; those not rendered yet in one React render. */
  lineMarkup(items: readonly CompactItemView[]): string[] {
    const { languages } = this;
    return this.cached(this.lines, items, (item) => createElement(CompactLine, { languages, item }));
  }

  private cached<T extends { id: string }>(
    cache: Map<string, string>,
    views: readonly T[],
    element: (view: T) => ReturnType<typeof createElement>,
  ): string[] {
    const missing = views.filter((view) => !cache.has(view.id));
    const markup = renderEach(missing.map(element), this.template);
    missing.forEach((view, index) => cache.set(view.id, markup[index] ?? ''));
    return views.map((view) => cache.get(view.id) ?? '');
  }
}
