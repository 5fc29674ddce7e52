import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Item } from '../content/item.ts';
import { safeUrl } from '../content/safe-url.ts';
import type { Edition, EditionSection } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';
import type { Language, Locale, Localized } from '../locale.ts';
import { languagesOf, pick } from '../locale.ts';
import type {
  CompactItemView,
  DigestProps,
  FullItemView,
  ItemColumn,
  LangText,
  SectionView,
} from '../../emails/digest-props.ts';
import { formatEditionDate } from './format-edition-date.ts';
import { formatSubject } from './format-subject.ts';
import { itemAnchor, links } from './links.ts';
import { defusePlaceholders, defuseUrl, PLACEHOLDERS } from './placeholders.ts';

export interface DigestViewOptions {
  config: Config;
  list: ListConfig;
  locale: Locale;
  mode: 'email' | 'web';
  /** Items to show as headline + link only (the budget's overflow). */
  compact?: ReadonlySet<string>;
  /** Compacted items left out even as headlines, only counted (a day too big for any budget). */
  omit?: ReadonlySet<string>;
}

// Inbox previews show up to ~140 characters: fill them with titles (the shell pads what is left).
const PREHEADER_MAX = 150;

/** Everything the template and the plain-text part show, picked per language and linked. */
export function buildDigestView(edition: Edition, options: DigestViewOptions): DigestProps {
  const { config, list, locale, mode } = options;
  const compact = options.compact ?? new Set<string>();
  const omit = options.omit ?? new Set<string>();
  const languages = languagesOf(locale);
  const htmlLang: Language = languages[0] ?? 'ko';
  const items = editionItems(edition);
  const fullEditionUrl = links.archive(config.publicUrl, edition.date, locale);
  const view = (section: EditionSection): SectionView => ({
    id: section.id,
    // Category ids are content too (an unknown category is its own id): defused like its label.
    anchor: `section-${defusePlaceholders(section.id)}`,
    label: perLanguage(section.label, languages),
    count: section.items.length,
    items: section.items.filter((item) => !compact.has(item.id)).map((item) => fullItem(item, languages)),
    compacted: section.items
      .filter((item) => compact.has(item.id) && !omit.has(item.id))
      .map((item) =>
        compactItem(item, languages, links.archiveItem(config.publicUrl, edition.date, locale, item.id)),
      ),
    omitted: section.items.filter((item) => omit.has(item.id)).length,
  });
  return {
    mode,
    locale,
    languages,
    htmlLang,
    subject: formatSubject(edition, config, locale),
    preheader: preheader(items, htmlLang),
    newsletterName: languages.map((lang) => ({ lang, text: config.name[lang] })),
    listName: languages.map((lang) => ({ lang, text: list.name[lang] })),
    dateLabel: languages.map((lang) => ({ lang, text: formatEditionDate(edition.date, lang) })),
    greeting: mode === 'email' ? languages.map((lang) => ({ lang, text: PLACEHOLDERS.greeting[lang] })) : [],
    sections: edition.sections.map(view),
    totalCount: items.length,
    compactedCount: items.filter((item) => compact.has(item.id)).length,
    fullEditionUrl,
    ...(mode === 'email'
      ? {
          viewInBrowserUrl: fullEditionUrl,
          preferencesUrl: links.preferences(config.publicUrl, PLACEHOLDERS.token),
          unsubscribeUrl: links.unsubscribe(config.publicUrl, PLACEHOLDERS.token),
        }
      : {}),
    postalAddress: config.postalAddress,
    senderName: config.from.name ?? config.name[htmlLang],
    contactEmail: config.replyTo ?? config.from.email,
  };
}

function fullItem(item: Item, languages: Language[]): FullItemView {
  const source = item.source?.name;
  return {
    id: item.id,
    anchor: itemAnchor(item.id),
    // Loading already drops non-http(s) URLs; checked again because editions can be built in code.
    url: item.canonicalUrl === undefined ? undefined : defuseUrl(safeUrl(item.canonicalUrl)),
    source: source === undefined ? undefined : defusePlaceholders(source),
    columns: ownColumns(item, languages).map((lang) => column(item, lang)),
  };
}

/**
 * The languages an item gets a column in: side by side, a column that would only repeat the other
 * language's words (the item has no title or summary of its own in it) is left out, and the item
 * takes the full width. With one language shown, that language's column, fallbacks tagged.
 */
function ownColumns(item: Item, languages: Language[]): Language[] {
  if (languages.length === 1) return languages;
  const own = languages.filter((lang) => item.title[lang] !== undefined || item.summary[lang] !== undefined);
  return own.length === 0 ? languages.slice(0, 1) : own;
}

function column(item: Item, lang: Language): ItemColumn {
  const keyPoints = pick(item.keyPoints, lang);
  return {
    lang,
    title: pickText(item.title, lang) ?? { lang, text: item.id },
    summary: pickText(item.summary, lang),
    soWhat: pickText(item.soWhat, lang),
    keyPoints:
      keyPoints === undefined || keyPoints.value.length === 0
        ? undefined
        : { lang: keyPoints.language, points: keyPoints.value.map(defusePlaceholders) },
  };
}

function compactItem(item: Item, languages: Language[], href: string): CompactItemView {
  return { id: item.id, title: perLanguage(item.title, languages), href };
}

/** One text per language shown, without repeating a fallback that says the same thing. */
function perLanguage(value: Localized, languages: Language[]): LangText[] {
  const out: LangText[] = [];
  for (const lang of languages) {
    const picked = pickText(value, lang);
    if (picked !== undefined && !out.some((seen) => seen.text === picked.text)) out.push(picked);
  }
  return out;
}

function pickText(value: Localized, lang: Language): LangText | undefined {
  const picked = pick(value, lang);
  return picked === undefined ? undefined : { lang: picked.language, text: defusePlaceholders(picked.value) };
}

function preheader(items: Item[], lang: Language): string {
  const titles = items.slice(0, 8).map((item) => pickText(item.title, lang)?.text ?? item.id);
  const text = titles.join(' · ');
  return [...text].length <= PREHEADER_MAX ? text : `${cutWhole(text, PREHEADER_MAX - 1).trimEnd()}…`;
}

// Cut at a grapheme boundary: a cut by UTF-16 units can split a surrogate pair (a lone
// surrogate shows as �), and one by code points an emoji ZWJ sequence.
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest start of `text` made of whole graphemes and at most `max` code points. */
function cutWhole(text: string, max: number): string {
  let out = '';
  let points = 0;
  for (const { segment } of GRAPHEMES.segment(text)) {
    points += [...segment].length;
    if (points > max) break;
    out += segment;
  }
  return out;
}
