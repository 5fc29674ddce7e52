import type { Language } from '../locale.ts';
import { uiText } from '../../emails/components/ui-text.ts';
import type { DigestProps, FullItemView, LangText, SectionView } from '../../emails/digest-props.ts';
import { wrapText } from './wrap-text.ts';

const RULE = '-'.repeat(40);

/**
 * The plain-text part, written from the same view as the HTML (never converted from it): every
 * title, source, summary, so-what, key point and URL, and the footer's links. Wrapped at 76
 * columns with Hangul counted double, URLs never broken.
 */
export function renderText(view: DigestProps): string {
  const { languages } = view;
  const joined = (parts: LangText[], separator = ' · ') => parts.map((p) => p.text).join(separator);
  const words = (pick: (lang: Language) => string, separator = ' / ') => languages.map(pick).join(separator);
  const out: string[] = [];
  const dates = view.dateLabel.map((date) => {
    const number = view.editionNumber.find((n) => n.lang === date.lang);
    return number === undefined ? date.text : `${date.text} · ${number.text}`;
  });
  out.push(joined(view.newsletterName), dates.join(' / '), '');
  if (view.greeting.length > 0) out.push(...view.greeting.map((g) => g.text), '');
  out.push(words((lang) => uiText[lang].contents));
  for (const section of view.sections) {
    const first = section.firstHeadline === undefined ? '' : ` · ${section.firstHeadline.text}`;
    out.push(
      wrapText(
        `${joined(section.label)} (${words((lang) => uiText[lang].items(section.count))})${first}`,
        76,
        '- ',
        '  ',
      ),
    );
  }
  if (view.compactedCount > 0) {
    out.push('');
    for (const lang of languages) {
      out.push(
        wrapText(uiText[lang].compactedNotice(view.totalCount - view.compactedCount, view.totalCount)),
      );
    }
    out.push(view.fullEditionUrl);
  }
  for (const section of view.sections) out.push('', '', ...sectionText(section, view));
  if (view.inOtherLanguage !== undefined) {
    const { count, url } = view.inOtherLanguage;
    out.push('', `${words((lang) => uiText[lang].inOtherLanguage(count))}: ${url}`);
  }
  out.push('', RULE);
  if (view.mode === 'email') {
    for (const lang of languages) {
      out.push(wrapText(uiText[lang].why(textIn(view.newsletterName, lang), textIn(view.listName, lang))));
    }
    const link = (key: 'viewInBrowser' | 'preferences' | 'unsubscribe', url: string | undefined) => {
      if (url !== undefined) out.push(`${words((lang) => uiText[lang][key])}: ${url}`);
    };
    link('viewInBrowser', view.viewInBrowserUrl);
    link('preferences', view.preferencesUrl);
    link('unsubscribe', view.unsubscribeUrl);
  }
  out.push(`${view.senderName} · ${view.contactEmail}`, wrapText(view.postalAddress), '');
  return out.join('\n');
}

function sectionText(section: SectionView, view: DigestProps): string[] {
  const out = [`== ${section.label.map((l) => l.text).join(' · ')} ==`];
  for (const item of section.items) out.push('', ...itemText(item));
  if (section.compacted.length > 0) {
    out.push('', view.languages.map((lang) => uiText[lang].moreHeadlines).join(' / ') + ':');
    for (const item of section.compacted) {
      const marks = item.marks.map((mark) => ` [${mark.text}]`).join('');
      out.push(wrapText(item.title.map((t) => t.text).join(' / ') + marks, 76, '- ', '  '), `  ${item.href}`);
    }
  }
  if (section.omitted > 0) {
    const more = view.languages.map((lang) => uiText[lang].moreInWebEdition(section.omitted)).join(' / ');
    out.push('', `${more}: ${view.fullEditionUrl}`);
  }
  return out;
}

function itemText(item: FullItemView): string[] {
  const out: string[] = [];
  const lone = item.columns.length === 1;
  item.columns.forEach((column, index) => {
    const words = uiText[column.lang];
    if (index > 0) out.push('');
    const marks = item.marks.filter((mark) => lone || mark.lang === column.lang).map((mark) => mark.text);
    if (marks.length > 0) out.push(`${index === 0 ? '* ' : '  '}[${marks.join(' · ')}]`);
    const bullet = index === 0 && marks.length === 0 ? '* ' : '  ';
    out.push(wrapText(column.title.text, 76, bullet, '  '));
    if (item.source !== undefined) out.push(`  ${words.source}: ${item.source}`);
    if (column.summary !== undefined) out.push(wrapText(column.summary.text, 76, '  '));
    if (column.soWhat !== undefined)
      out.push(wrapText(`${words.soWhat} ${column.soWhat.text}`, 76, '  > ', '    '));
    if (column.keyPoints !== undefined) {
      out.push(`  ${words.keyPoints}:`);
      for (const point of column.keyPoints.points) out.push(wrapText(point, 76, '  - ', '    '));
    }
    if (item.url !== undefined) out.push(`  ${words.readMore}: ${item.url}`);
  });
  return out;
}

function textIn(parts: LangText[], lang: Language): string {
  return (parts.find((p) => p.lang === lang) ?? parts[0])?.text ?? '';
}
