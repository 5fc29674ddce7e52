import type { Config } from '../config/config.ts';
import type { ListConfig } from '../config/config-schema.ts';
import type { Item } from '../content/item.ts';
import { safeUrl } from '../content/safe-url.ts';
import type { Edition, ItemMark } from '../edition/edition.ts';
import { markOf } from '../edition/edition.ts';
import type { Language, Locale, Localized } from '../locale.ts';
import { languagesOf, pick } from '../locale.ts';
import { uiText } from '../../emails/components/ui-text.ts';
import type {
  CompactItemView,
  DigestProps,
  FullItemView,
  ItemColumn,
  LangText,
  SectionView,
} from '../../emails/digest-props.ts';
import { arrangeEdition, hasOwnText } from './arrange-edition.ts';
import type { Arrangement } from './arrange-edition.ts';
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
  /** `arrangeEdition(edition, …)`, when the caller has it already. */
  arrangement?: Arrangement;
}

// Inbox previews show up to ~140 characters: fill them with titles (the shell pads what is left).
const PREHEADER_MAX = 150;

/** Everything the template and the plain-text part show, picked per language and linked. */
export function buildDigestView(edition: Edition, options: DigestViewOptions): DigestProps {
  return digestViews(edition, options)(options.compact, options.omit);
}

/** The views of one edition for one list and locale, by what is compacted and omitted. */
export type DigestViews = (compact?: ReadonlySet<string>, omit?: ReadonlySet<string>) => DigestProps;

/**
 * `buildDigestView` for several compactions of one edition (a render tries a few): what does not
 * depend on the compaction (each item's full and compacted view, subject, preheader, dates,
 * links) is built once and shared by the views, which are otherwise the same.
 */
export function digestViews(
  edition: Edition,
  options: Omit<DigestViewOptions, 'compact' | 'omit'>,
): DigestViews {
  const { config, list, locale, mode } = options;
  const languages = languagesOf(locale);
  const htmlLang: Language = languages[0] ?? 'ko';
  const arrangement = options.arrangement ?? arrangeEdition(edition, { config, list, locale });
  // A list other than the first is named in web-edition links (`/archive/DATE` shows the first's).
  const archiveList =
    edition.listId !== undefined && edition.listId !== config.lists[0]?.id ? edition.listId : undefined;
  const fullEditionUrl = links.archive(config.publicUrl, edition.date, locale, archiveList);
  const marksOf = (item: Item) => itemMarks(item, markOf(edition, item.id), languages);
  const fullViews = new Map<string, FullItemView>();
  const compactViews = new Map<string, CompactItemView>();
  const fullView = (item: Item) => cached(fullViews, item.id, () => fullItem(item, languages, marksOf(item)));
  const compactView = (item: Item) =>
    cached(compactViews, item.id, () =>
      compactItem(
        item,
        languages,
        links.archiveItem(config.publicUrl, edition.date, locale, item.id, archiveList),
        marksOf(item),
      ),
    );
  const fixedSections = arrangement.sections.map((section) => {
    const first = section.items[0];
    return {
      kind: section.kind,
      id: section.id,
      // Category ids are content too (an unknown category is its own id): defused like its label.
      anchor: `section-${defusePlaceholders(section.id)}`,
      label: perLanguage(section.label, languages),
      firstHeadline: first === undefined ? undefined : shortened(pickText(first.title, htmlLang)),
      count: section.items.length,
    };
  });
  const shown = arrangement.sections.flatMap((section) => section.items);
  const byRank = new Map(arrangement.ranked.map((id, index) => [id, index]));
  const ranked = [...shown].sort((a, b) => (byRank.get(a.id) ?? 0) - (byRank.get(b.id) ?? 0));
  const other: Language = htmlLang === 'ko' ? 'en' : 'ko';
  const fixed = {
    mode,
    locale,
    languages,
    htmlLang,
    subject: formatSubject(edition, config, locale, ranked[0]),
    preheader: preheader(ranked, htmlLang),
    newsletterName: languages.map((lang) => ({ lang, text: config.name[lang] })),
    listName: languages.map((lang) => ({ lang, text: list.name[lang] })),
    dateLabel: languages.map((lang) => ({ lang, text: formatEditionDate(edition.date, lang) })),
    editionNumber:
      edition.number === undefined
        ? []
        : languages.map((lang) => ({ lang, text: uiText[lang].editionNumber(edition.number as number) })),
    greeting: mode === 'email' ? languages.map((lang) => ({ lang, text: PLACEHOLDERS.greeting[lang] })) : [],
  };
  const after = {
    totalCount: shown.length,
    fullEditionUrl,
    ...(arrangement.omitted.length > 0
      ? {
          inOtherLanguage: {
            count: arrangement.omitted.length,
            url: links.archive(config.publicUrl, edition.date, other, archiveList),
          },
        }
      : {}),
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
  return (compact = new Set<string>(), omit = new Set<string>()) => {
    const sections = arrangement.sections.map((section, index): SectionView => ({
      ...(fixedSections[index] as Omit<SectionView, 'items' | 'compacted' | 'omitted'>),
      items: section.items.filter((item) => !compact.has(item.id)).map(fullView),
      compacted: section.items.filter((item) => compact.has(item.id) && !omit.has(item.id)).map(compactView),
      omitted: section.items.filter((item) => omit.has(item.id)).length,
    }));
    return {
      ...fixed,
      sections,
      ...after,
      compactedCount: shown.filter((item) => compact.has(item.id)).length,
    };
  };
}

function cached<T>(cache: Map<string, T>, id: string, make: () => T): T {
  let value = cache.get(id);
  if (value === undefined) {
    value = make();
    cache.set(id, value);
  }
  return value;
}

/**
 * What the reader should know about an item, per language shown: that it is written only in the
 * other language ("영문 기사", "Korean only"), its own date when it came late, a correction.
 */
function itemMarks(item: Item, mark: ItemMark | undefined, languages: Language[]): LangText[] {
  const written = (['ko', 'en'] as const).filter((lang) => hasOwnText(item, lang));
  const onlyIn =
    written.length === 1 && (languages.length > 1 || written[0] !== languages[0]) ? written[0] : undefined;
  return languages.flatMap((lang) => {
    const words = uiText[lang];
    const parts = [
      onlyIn === undefined ? undefined : words.onlyIn[onlyIn],
      mark?.correction === true ? words.correction : undefined,
      mark?.late === undefined ? undefined : words.late(mark.late),
    ].filter((part) => part !== undefined);
    return parts.length === 0 ? [] : [{ lang, text: parts.join(' · ') }];
  });
}

function fullItem(item: Item, languages: Language[], marks: LangText[]): FullItemView {
  const source = item.source?.name;
  return {
    id: item.id,
    anchor: itemAnchor(item.id),
    // Loading already drops non-http(s) URLs; checked again because editions can be built in code.
    url: item.canonicalUrl === undefined ? undefined : defuseUrl(safeUrl(item.canonicalUrl)),
    source: source === undefined ? undefined : defusePlaceholders(source),
    columns: ownColumns(item, languages).map((lang) => column(item, lang)),
    marks,
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

function compactItem(item: Item, languages: Language[], href: string, marks: LangText[]): CompactItemView {
  return { id: item.id, title: perLanguage(item.title, languages), href, marks };
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

/**
 * The inbox preview: the heaviest headlines first (the lead's), only those written in the
 * email's language (an English preview of Hangul headlines reads as noise), whole titles while
 * they fit, then one cut with a single ellipsis.
 */
function preheader(items: Item[], lang: Language): string {
  const titles = items
    .map((item) => item.title[lang])
    .filter((title) => title !== undefined)
    .slice(0, 8)
    .map((title) => defusePlaceholders(title).trim());
  let text = '';
  for (const title of titles) {
    const next = text === '' ? title : `${text} · ${title}`;
    if ([...next].length <= PREHEADER_MAX) {
      text = next;
      continue;
    }
    // Cut the title that does not fit when there is room for a useful part of it.
    const room = PREHEADER_MAX - [...text].length - (text === '' ? 1 : 4);
    if (room >= 20 || text === '') {
      const cut = cutWhole(title, Math.max(0, room)).replace(TRAILING_ELLIPSIS, '');
      text = text === '' ? `${cut}…` : `${text} · ${cut}…`;
    }
    break;
  }
  return text;
}

// A contents line names its first headline, shortened: the lines are fixed bytes, whatever the budget.
const CONTENTS_HEADLINE_MAX = 60;

function shortened(text: LangText | undefined): LangText | undefined {
  if (text === undefined || [...text.text].length <= CONTENTS_HEADLINE_MAX) return text;
  return {
    ...text,
    text: `${cutWhole(text.text, CONTENTS_HEADLINE_MAX - 1).replace(TRAILING_ELLIPSIS, '')}…`,
  };
}

// A title's own trailing "…" or "..." (and spaces or a separator): the cut adds one ellipsis only.
const TRAILING_ELLIPSIS = /[\s.·…]+$/u;

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
