import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/locale.ts';
import { arrangeEdition } from '../../src/render/arrange-edition.ts';
import { personalize } from '../../src/render/personalize.ts';
import { PERSONALIZATION_RESERVE, renderDigest } from '../../src/render/render-digest.ts';
import { MSO_FONT_RULE } from '../../emails/components/email-shell.tsx';
import {
  EDITORIAL_CATEGORIES,
  ENGLISH_ONLY,
  KOREAN_ONLY,
  TOP_IDS,
  editorialEdition,
} from '../fixtures/render/editorial-day.ts';
import { makeEdition, makeStory } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const list = config.lists[0]!;
const documentOf = (html: string) => parseHTML(html).document;
const HANGUL = /[\uac00-\ud7a3]/;

describe.each(LOCALES)('%s: a 62-item day over six categories', (locale) => {
  const edition = editorialEdition(config);

  it('every section keeps its heaviest item in full; the lead holds the top-weighted items; within budget', async () => {
    const rendered = await renderDigest(edition, { config, list, locale });
    expect(rendered.compactedItemIds.length).toBeGreaterThan(0);
    expect(rendered.htmlBytes).toBeLessThanOrEqual(config.budgetBytes - PERSONALIZATION_RESERVE);
    const doc = documentOf(rendered.html);
    const compacted = new Set(rendered.compactedItemIds);
    const { sections } = arrangeEdition(edition, { config, list, locale });
    expect(sections.filter((s) => s.kind === 'category').map((s) => s.id)).toEqual(EDITORIAL_CATEGORIES);
    for (const section of sections) {
      const full = section.items.filter((item) => !compacted.has(item.id));
      expect(full.length, `${section.id} has an item in full`).toBeGreaterThan(0);
      // The heaviest is the one in full, shown with its anchor.
      expect(compacted.has(section.items[0]!.id)).toBe(false);
      expect(doc.getElementById(`item-${section.items[0]!.id}`), section.id).not.toBeNull();
    }
    // The lead: the three heaviest, in full, before the first category's heading.
    expect(sections[0]?.kind).toBe('lead');
    expect(sections[0]?.items.map((item) => item.id)).toEqual(TOP_IDS);
    const firstCategory = rendered.html.indexOf('id="section-tech"');
    expect(rendered.html.indexOf('id="section-lead"')).toBeLessThan(firstCategory);
    for (const id of TOP_IDS) {
      expect(compacted.has(id)).toBe(false);
      const at = rendered.html.indexOf(`id="item-${id}"`);
      expect(at).toBeGreaterThan(rendered.html.indexOf('id="section-lead"'));
      expect(at).toBeLessThan(firstCategory);
    }
    expect(rendered.html).toContain(locale === 'en' ? 'Top stories' : '오늘의 주요 뉴스');
    // The lead's first headline starts the preheader and the contents.
    expect(rendered.preheader.startsWith(locale === 'en' ? 'Story 60:' : '60번째 소식')).toBe(true);
  });

  it('section headings are readable labels, never a raw lowercase id, the same in both languages', async () => {
    const rendered = await renderDigest(edition, { config, list, locale });
    const doc = documentOf(rendered.html);
    const headings = [...doc.querySelectorAll('h2')].map((h) => h.textContent ?? '');
    for (const heading of headings) {
      for (const id of EDITORIAL_CATEGORIES) expect(heading.split(' · ')).not.toContain(id);
      expect(heading).not.toMatch(/^[a-z]/);
    }
    const retail = doc.getElementById('section-retail');
    // One label for both languages: written once.
    expect(retail?.textContent).toBe('Retail');
    expect(rendered.text).toContain('== Retail');
    expect(rendered.text).not.toMatch(/^== retail/m);
    // Headings at a reading size, not 13 px capitals; back to the top after each section.
    expect(retail?.getAttribute('style')).not.toContain('uppercase');
    const back = doc.querySelectorAll('a[href="#top"]').length;
    expect(back).toBe(EDITORIAL_CATEGORIES.length + 1);
    expect(doc.getElementById('top')).not.toBeNull();
    expect(rendered.html).toContain(locale === 'en' ? 'Back to top' : '맨 위로');
  });

  it('the contents line of each section names its first headline', async () => {
    const rendered = await renderDigest(edition, { config, list, locale });
    const doc = documentOf(rendered.html);
    const { sections } = arrangeEdition(edition, { config, list, locale });
    for (const section of sections) {
      const link = doc.querySelector(`a[href="#section-${section.id}"]`);
      const line = link?.parentElement?.textContent ?? '';
      const first = section.items[0]!;
      const title = (locale === 'en' ? first.title.en : (first.title.ko ?? first.title.en)) ?? '';
      expect(line, section.id).toContain(title.slice(0, 20));
    }
  });

  it('the MSO-only font rule and the one-cell callout table are in the HTML; lists indent by margin', async () => {
    const rendered = await renderDigest(edition, { config, list, locale });
    if (locale === 'en') expect(rendered.html).toContain('<!--[if mso]><style>');
    else expect(rendered.html).toContain(MSO_FONT_RULE);
    expect(rendered.html).toMatch(/font-family:'Malgun Gothic',Arial|font-family:Arial,sans-serif!important/);
    const doc = documentOf(rendered.html);
    const callouts = [...doc.querySelectorAll('td.gz-co')];
    expect(callouts.length).toBeGreaterThan(0);
    for (const cell of callouts) {
      expect(cell.parentElement?.parentElement?.parentElement?.tagName).toBe('TABLE');
      expect(cell.getAttribute('style')).toContain('padding:10px 12px');
    }
    expect(doc.querySelectorAll('div.gz-co').length).toBe(0);
    for (const ul of doc.querySelectorAll('ul')) expect(ul.getAttribute('style')).toContain('padding:0');
  });

  it('the preheader is in the email language only, with at most one ellipsis', async () => {
    const long = makeStory(1, {
      priority: 5,
      title: { ko: `${'아주 긴 제목 '.repeat(30)}…`, en: `${'A very long headline '.repeat(12)}...` },
    });
    const koOnly = makeStory(2, {
      priority: 9,
      title: { ko: '한국어 제목만 있는 기사' },
      summary: { ko: '요약' },
    });
    const rendered = await renderDigest(makeEdition(2, config, [koOnly, long]), { config, list, locale });
    if (locale === 'en') expect(rendered.preheader).not.toMatch(HANGUL);
    else expect(rendered.preheader.startsWith('한국어 제목만')).toBe(true);
    expect(rendered.preheader).not.toMatch(/…\s*…|\.\.\.…|……/);
    expect(rendered.preheader.match(/…/g)?.length ?? 0).toBeLessThanOrEqual(1);
    const english = await renderDigest(editorialEdition(config), { config, list, locale: 'en' });
    expect(english.preheader).not.toMatch(HANGUL);
  });
});

describe('honest languages', () => {
  const edition = editorialEdition(config);

  it('an item missing the reader language is marked, with lang, in HTML and text', async () => {
    const ko = await renderDigest(edition, { config, list, locale: 'ko' });
    const en = await renderDigest(edition, { config, list, locale: 'en' });
    const koDoc = documentOf(ko.html);
    const enDoc = documentOf(en.html);
    const koMark = koDoc.getElementById(`item-${ENGLISH_ONLY[0]}`)?.querySelector('span[lang="ko"]');
    expect(koMark?.textContent).toBe('영문 기사');
    const enMark = enDoc.getElementById(`item-${KOREAN_ONLY[0]}`)?.querySelector('span[lang="en"]');
    expect(enMark?.textContent).toBe('Korean only');
    expect(ko.text).toContain('[영문 기사]');
    expect(en.text).toContain('[Korean only]');
    // Items in the reader's language carry no marker.
    expect(koDoc.getElementById('item-item-001')?.textContent).not.toContain('영문 기사');
  });

  it("fallback: 'omit' leaves them out of that language's email and counts them in the footer", async () => {
    const omitting = { ...list, fallback: 'omit' as const };
    const ko = await renderDigest(edition, { config, list: omitting, locale: 'ko' });
    const en = await renderDigest(edition, { config, list: omitting, locale: 'en' });
    for (const id of ENGLISH_ONLY) expect(ko.html).not.toContain(`item-${id}`);
    expect(ko.html).not.toContain('영문 기사 ·');
    expect(ko.html).not.toContain('English-only story');
    expect(ko.html).toContain('영문 기사 2건은 웹판에서 볼 수 있습니다');
    expect(ko.html).toContain('/archive/2026-03-02?lang=en');
    expect(ko.text).toContain(
      '영문 기사 2건은 웹판에서 볼 수 있습니다: https://news.example.com/archive/2026-03-02?lang=en',
    );
    expect(en.html).not.toContain(`item-${KOREAN_ONLY[0]}`);
    expect(en.html).not.toContain('Korean only');
    expect(en.html).toContain('1 more story in Korean on the web');
    // Bilingual shows every item whatever the list's fallback.
    const both = await renderDigest(edition, { config, list: omitting, locale: 'bilingual' });
    expect(both.html).toContain('English-only story 10');
  });

  it('bilingual: a one-language item is shown once, full width, with its marker in both languages', async () => {
    const rendered = await renderDigest(edition, { config, list, locale: 'bilingual' });
    const doc = documentOf(rendered.html);
    const id = ENGLISH_ONLY[0]!;
    const block = doc.getElementById(`item-${id}`);
    expect(block?.getAttribute('lang')).toBe('en');
    const texts = [
      'English-only story 10',
      'Only in English: summary of story 10.',
      'Only in English: why story 10 matters.',
    ];
    // The item's own section (both columns' room): each text once, in one column.
    const section = block?.closest('div.gz-it');
    expect(section?.querySelectorAll('[lang][dir]:not(span)').length).toBe(1);
    for (const text of texts) expect((section?.innerHTML ?? '').split(text).length - 1, text).toBe(1);
    // Elsewhere only as the tech section's first headline in the contents.
    expect(rendered.html.split(texts[0]!).length - 1).toBe(2);
    expect(block?.closest('.mj-column-per-100')).not.toBeNull();
    const marks = [...(block?.querySelectorAll('p span[lang]') ?? [])].map((s) => s.textContent);
    expect(marks).toEqual(['영문 기사', ' · English only']);
    // The text part likewise: the item once, plus the contents line.
    expect(rendered.text.split('English-only story 10').length - 1).toBe(2);
    expect(rendered.text.split('Only in English: summary of story 10.').length - 1).toBe(1);
  });
});

describe('Korean particles and labels from the config', () => {
  it.each([
    ['데일리 브리핑', '을'],
    ['오늘의 뉴스', '를'],
  ])('list name %s takes %s in the footer, HTML and text', async (name, particle) => {
    const named = { ...list, name: { ko: name, en: 'Daily' } };
    for (const locale of ['ko', 'bilingual'] as const) {
      const rendered = await renderDigest(makeEdition(3, config), { config, list: named, locale });
      expect(rendered.html).toContain(`‘${name}’${particle} 구독하셔서`);
      expect(rendered.text).toContain(`‘${name}’${particle} 구독하셔서`);
    }
  });

  it('a labels map names unconfigured categories, per language or one text for both', async () => {
    const labelled = testConfig({ labels: { retail: { ko: '유통', en: 'Retail trade' }, space: 'Space' } });
    const items = [
      makeStory(1, { categories: ['retail'] }),
      makeStory(2, { categories: ['space'] }),
      makeStory(3, { categories: ['tech'] }),
    ];
    const edition = makeEdition(3, labelled, items);
    const rendered = await renderDigest(edition, { config: labelled, list, locale: 'bilingual' });
    const doc = documentOf(rendered.html);
    expect(doc.getElementById('section-retail')?.textContent).toBe('유통 · Retail trade');
    expect(doc.getElementById('section-space')?.textContent).toBe('Space');
  });

  it('{lead} in a subject is the first lead headline', async () => {
    const leading = testConfig({
      subject: { ko: '{name}: {lead}', en: '{name}: {lead}', bilingual: '{lead}' },
    });
    const items = Array.from({ length: 5 }, (_, i) => makeStory(i + 1, i === 3 ? { priority: 3 } : {}));
    const rendered = await renderDigest(makeEdition(5, leading, items), {
      config: leading,
      list,
      locale: 'en',
    });
    expect(rendered.subject).toBe('Gazette Daily: Story 4: AI agent permissions are under scrutiny again');
  });

  it('lead.count 0 turns the lead block off', async () => {
    const off = testConfig({ lead: { count: 0 } });
    const rendered = await renderDigest(makeEdition(8, off), { config: off, list, locale: 'ko' });
    expect(rendered.html).not.toContain('section-lead');
    const on = await renderDigest(makeEdition(8, config), { config, list, locale: 'ko' });
    expect(on.html).toContain('section-lead');
  });
});

describe('personalized, the structure holds', () => {
  it('the greeting and tokens fill in; markers are gone', async () => {
    const rendered = await renderDigest(editorialEdition(config), { config, list, locale: 'bilingual' });
    const mail = personalize(rendered, { token: 'tok', name: '민수' });
    expect(mail.html).not.toMatch(/<!--gz:|<gz-/);
    expect(mail.html).toContain('민수님');
  });
});
