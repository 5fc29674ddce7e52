import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/content/item.ts';
import { LOCALES } from '../../src/locale.ts';
import { personalize } from '../../src/render/personalize.ts';
import { PERSONALIZATION_RESERVE, renderDigest } from '../../src/render/render-digest.ts';
import { FIXTURE_DATE, makeEdition, makeStory } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const list = config.lists[0]!;
const documentOf = (html: string) => parseHTML(html).document;

/** The font stack an element inherits: the nearest inline font-family, itself or an ancestor. */
function fontOf(element: Element): string {
  for (let el: Element | null = element; el !== null; el = el.parentElement) {
    const font = /font-family:([^;]+)/.exec(el.getAttribute('style') ?? '');
    if (font?.[1] !== undefined) return font[1];
  }
  return '';
}

describe('renderDigest: structure', () => {
  it.each(LOCALES)(
    '%s: html lang, a lang and dir on every language block, keep-all on Korean',
    async (locale) => {
      const rendered = await renderDigest(makeEdition(3, config), { config, list, locale });
      const doc = documentOf(rendered.html);
      expect(doc.documentElement.getAttribute('lang')).toBe(locale === 'en' ? 'en' : 'ko');
      const blocks = [...doc.querySelectorAll('[lang]')].filter(
        (el) => el.tagName !== 'HTML' && el.getAttribute('dir') === 'ltr',
      );
      const langs = new Set(blocks.map((el) => el.getAttribute('lang')));
      expect([...langs].sort()).toEqual(locale === 'bilingual' ? ['en', 'ko'] : [locale]);
      for (const block of blocks.filter((el) => el.getAttribute('lang') === 'ko' && el.tagName === 'DIV')) {
        expect(block.getAttribute('style')).toContain('word-break:keep-all');
        // The CJK stack is set once on the enclosing text block, not repeated per block.
        expect(fontOf(block)).toContain('Apple SD Gothic Neo');
      }
      // Every item in full, its anchor, its title linked to the canonical URL.
      for (const index of [1, 2, 3]) {
        const n = String(index).padStart(3, '0');
        expect(doc.getElementById(`item-item-${n}`)).not.toBeNull();
        expect(
          doc.querySelectorAll(`a[href="https://news.example.org/stories/${n}"]`).length,
        ).toBeGreaterThanOrEqual(2);
      }
      expect(rendered.compactedItemIds).toEqual([]);
      expect(rendered.htmlBytes).toBe(Buffer.byteLength(rendered.html));
    },
  );

  it('bilingual: Korean and English side by side in two columns per item, one section per item', async () => {
    const rendered = await renderDigest(makeEdition(2, config), { config, list, locale: 'bilingual' });
    const doc = documentOf(rendered.html);
    const anchor = doc.getElementById('item-item-001');
    expect(anchor?.getAttribute('lang')).toBe('ko');
    expect(doc.querySelectorAll('.mj-column-per-50').length).toBe(4);
    expect(rendered.html).toContain('시사점');
    expect(rendered.html).toContain('So what?');
  });

  it('bilingual: an item in one language only takes the full width instead of repeating itself', async () => {
    const item = makeStory(1, {
      title: { en: 'Only English title' },
      summary: { en: 'Only English summary.' },
      soWhat: { en: 'Only English so-what.' },
      keyPoints: {},
    });
    const rendered = await renderDigest(makeEdition(2, config, [item, makeStory(2)]), {
      config,
      list,
      locale: 'bilingual',
    });
    expect(rendered.html.match(/Only English summary\./g)?.length).toBe(1);
    const doc = documentOf(rendered.html);
    expect(doc.getElementById('item-item-001')?.getAttribute('lang')).toBe('en');
    expect(doc.querySelectorAll('.mj-column-per-50').length).toBe(2);
  });

  it('the masthead writes the date the local way; the footer has every link and the postal address', async () => {
    const rendered = await renderDigest(makeEdition(1, config), { config, list, locale: 'bilingual' });
    expect(rendered.html).toContain('2026년 3월 2일 월요일');
    expect(rendered.html).toContain('Monday, March 2, 2026');
    const hrefs = [...documentOf(rendered.html).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('https://news.example.com/unsubscribe/__GZ_TOKEN__');
    expect(hrefs).toContain('https://news.example.com/preferences/__GZ_TOKEN__');
    expect(hrefs).toContain(`https://news.example.com/archive/${FIXTURE_DATE}?lang=both`);
    expect(hrefs).toContain('#section-business');
    expect(rendered.html).toContain(config.postalAddress);
    expect(rendered.html).not.toMatch(/<script|<link|<img|fonts\.googleapis/i);
  });

  it('a missing language falls back to the other, tagged with the language it is in', async () => {
    const item = makeStory(1, {
      title: { en: 'Only English title' },
      summary: { en: 'Only English summary.' },
      soWhat: { ko: '한국어 시사점만' },
      keyPoints: {},
    });
    const rendered = await renderDigest(makeEdition(1, config, [item]), { config, list, locale: 'ko' });
    const doc = documentOf(rendered.html);
    const spans = [...doc.querySelectorAll('span[lang="en"]')].map((el) => el.textContent);
    expect(spans).toContain('Only English title');
    expect(spans).toContain('Only English summary.');
    expect(rendered.html).toContain('한국어 시사점만');
    expect(rendered.text).toContain('Only English summary.');
  });
});

describe('renderDigest: hostile content stays text', () => {
  const evil = '<script>alert(1)</script><img src=x onerror="alert(2)">';
  const hostile: Item = makeStory(1, {
    id: 'evil"><script>alert(0)</script>',
    title: { ko: `제목 ${evil}`, en: `Title ${evil}` },
    summary: { ko: `요약 ${evil}`, en: `Summary ${evil} __GZ_TOKEN__` },
    soWhat: { ko: evil, en: evil },
    keyPoints: { ko: [evil], en: [evil, 'javascript:alert(3)'] },
    source: { name: `Source ${evil}` },
    canonicalUrl: 'javascript:alert(4)',
    categories: [`tech${evil}`],
  });

  it.each(LOCALES)('%s: no script, no handler, no javascript: link, no stray placeholder', async (locale) => {
    const rendered = await renderDigest(makeEdition(1, config, [hostile]), { config, list, locale });
    const doc = documentOf(rendered.html);
    expect(doc.querySelectorAll('script').length).toBe(0);
    expect(doc.querySelectorAll('img').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.attributes) expect(attr.name.startsWith('on')).toBe(false);
    }
    for (const a of doc.querySelectorAll('a')) expect(a.getAttribute('href')).not.toMatch(/^\s*javascript:/i);
    // The text is shown, escaped.
    expect(rendered.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Content cannot smuggle in a placeholder that personalize would fill.
    const mail = personalize(rendered, { token: 'SECRET-token_1' });
    expect(mail.html.match(/SECRET-token_1/g)?.length).toBe(2);
    expect(mail.text.match(/SECRET-token_1/g)?.length).toBe(2);
  });
});

describe('renderDigest: placeholders in ids and links stay inert', () => {
  // Content that spells a placeholder where it becomes an attribute: an item id (anchor, archive
  // link), a category id (section anchor, contents link), a canonical URL.
  const inFull = makeStory(1, {
    id: '__GZ_TOKEN__',
    categories: ['tech'],
    canonicalUrl: 'https://news.example.org/__GZ_TOKEN__/story',
    priority: 10,
  });
  // The lightest item of a crowded section is compacted; a section of its own keeps its item in full.
  const inCompact = makeStory(99, { id: 'x__GZ_HELLO_KO__', categories: ['tech'], priority: -1 });
  const ownSection = makeStory(98, { id: 'y__GZ_TOKEN__', categories: ['__GZ_HELLO_EN__'] });
  const items = [
    inFull,
    ...Array.from({ length: 20 }, (_, i) => makeStory(i + 2, { priority: 0 })),
    ownSection,
    inCompact,
  ];
  const tiny = testConfig({ budgetBytes: 40_000 });

  it.each(LOCALES)(
    '%s: personalize fills only the real slots, and every anchor still resolves',
    async (locale) => {
      const edition = makeEdition(items.length, tiny, items);
      const rendered = await renderDigest(edition, { config: tiny, list, locale });
      expect(rendered.compactedItemIds).toContain(inCompact.id);
      expect(rendered.compactedItemIds).not.toContain(inFull.id);
      const mail = personalize(rendered, { token: 'SECRET-token_1', name: 'Minsu' });
      // The token only in the unsubscribe and preferences links, in both parts.
      expect(mail.html.match(/SECRET-token_1/g)?.length).toBe(2);
      expect(mail.text.match(/SECRET-token_1/g)?.length).toBe(2);
      const doc = documentOf(mail.html);
      for (const el of doc.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          expect(attr.value, `${el.tagName} ${attr.name}`).not.toMatch(/Minsu|Hello|안녕/);
          if (attr.value.includes('SECRET'))
            expect(attr.value).toMatch(/\/(unsubscribe|preferences)\/SECRET/);
        }
      }
      // In-page links land: the contents on each section, items on their anchors.
      const ids = new Set([...doc.querySelectorAll('[id]')].map((el) => el.getAttribute('id')));
      const fragments = [...doc.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href') ?? '');
      expect(fragments.length).toBeGreaterThan(0);
      for (const href of fragments) expect(ids, href).toContain(decodeURIComponent(href.slice(1)));
      const inFullColumn = doc.querySelector(`a[href^="https://news.example.org/"][href$="/story"]`);
      expect(inFullColumn?.getAttribute('href')).not.toContain('SECRET');
      // The compacted headline's link lands on the item's anchor in the web edition.
      const web = documentOf((await renderDigest(edition, { config: tiny, list, locale, mode: 'web' })).html);
      const toArchive = [...doc.querySelectorAll('a')]
        .map((a) => a.getAttribute('href') ?? '')
        .filter((href) => href.includes('/archive/') && href.includes('#'));
      expect(toArchive.length).toBeGreaterThan(0);
      for (const href of toArchive) {
        expect(
          web.getElementById(decodeURIComponent(href.slice(href.indexOf('#') + 1))),
          href,
        ).not.toBeNull();
      }
    },
  );
});

describe('renderDigest: the budget', () => {
  it.each(LOCALES)(
    '%s: a 60-item day fits the budget, compacts the overflow and keeps every item reachable',
    async (locale) => {
      const edition = makeEdition(60, config);
      const rendered = await renderDigest(edition, { config, list, locale });
      expect(rendered.htmlBytes).toBeLessThanOrEqual(config.budgetBytes - PERSONALIZATION_RESERVE);
      expect(rendered.compactedItemIds.length).toBeGreaterThan(0);
      const doc = documentOf(rendered.html);
      const hrefs = new Set([...doc.querySelectorAll('a')].map((a) => a.getAttribute('href')));
      const lang = locale === 'bilingual' ? 'both' : locale;
      expect(hrefs).toContain(`https://news.example.com/archive/${FIXTURE_DATE}?lang=${lang}`);
      for (let index = 1; index <= 60; index++) {
        const id = `item-${String(index).padStart(3, '0')}`;
        const compacted = rendered.compactedItemIds.includes(id);
        if (compacted) {
          expect(hrefs).toContain(`https://news.example.com/archive/${FIXTURE_DATE}?lang=${lang}#item-${id}`);
          expect(rendered.text).toContain(`#item-${id}`);
        } else {
          expect(doc.getElementById(`item-${id}`)).not.toBeNull();
        }
      }
      // Personalized, the mail still fits under Gmail's clipping point.
      const mail = personalize(rendered, { token: 'x'.repeat(64), name: '김'.repeat(40) });
      expect(Buffer.byteLength(mail.html)).toBeLessThanOrEqual(config.budgetBytes);
    },
  );

  // English headlines are shorter: 400 of them still fit as headlines; 800 do not.
  it.each([
    ['ko', 400],
    ['bilingual', 400],
    ['en', 800],
  ] as const)(
    '%s: a %i-item day keeps the headlines that fit and links the rest to the web edition',
    async (locale, count) => {
      const edition = makeEdition(count, config);
      const rendered = await renderDigest(edition, { config, list, locale });
      expect(rendered.htmlBytes).toBeLessThanOrEqual(config.budgetBytes - PERSONALIZATION_RESERVE);
      expect(rendered.compactedItemIds.length).toBe(count);
      const omitted = rendered.omittedItemIds ?? [];
      expect(omitted.length).toBeGreaterThan(0);
      expect(omitted.length).toBeLessThan(count);
      const doc = documentOf(rendered.html);
      const hrefs = [...doc.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
      const lang = locale === 'bilingual' ? 'both' : locale;
      const archive = `https://news.example.com/archive/${FIXTURE_DATE}?lang=${lang}`;
      // Shown headlines link to their item; left-out ones have no line of their own.
      for (const id of rendered.compactedItemIds) {
        expect(hrefs.includes(`${archive}#item-${id}`), id).toBe(!omitted.includes(id));
      }
      // "N more stories in the web edition", in each language with its lang, per category; the
      // counts add up to the items left out.
      const languages = locale === 'bilingual' ? ['ko', 'en'] : [locale];
      for (const language of languages) {
        const pattern =
          language === 'ko' ? /웹판에서 (\d+)건 더 보기/ : /(\d+) more stor(?:y|ies) in the web edition/;
        const spans = [...doc.querySelectorAll(`a[href="${archive}"] [lang="${language}"]`)].filter((el) =>
          pattern.test(el.textContent ?? ''),
        );
        const total = spans.reduce((sum, el) => sum + Number(pattern.exec(el.textContent ?? '')?.[1]), 0);
        expect(total, language).toBe(omitted.length);
        const text = [...rendered.text.matchAll(new RegExp(pattern, 'g'))];
        expect(
          text.reduce((sum, match) => sum + Number(match[1]), 0),
          `${language} text`,
        ).toBe(omitted.length);
      }
      // As many as fit: one more headline back would not (each line is at least ~150 bytes).
      expect(rendered.htmlBytes).toBeGreaterThan(config.budgetBytes - PERSONALIZATION_RESERVE - 2_000);
    },
    60_000,
  );

  it('enormous titles on a handful of items: headlines that fit, no error', async () => {
    const huge = 'ㄱ'.repeat(20_000);
    const items = Array.from({ length: 8 }, (_, i) => makeStory(i + 1, { title: { ko: huge, en: huge } }));
    const rendered = await renderDigest(makeEdition(8, config, items), { config, list, locale: 'bilingual' });
    expect(rendered.htmlBytes).toBeLessThanOrEqual(config.budgetBytes - PERSONALIZATION_RESERVE);
    expect(rendered.omittedItemIds?.length).toBeGreaterThan(0);
  });

  it('web mode shows every item in full with no per-recipient links', async () => {
    const rendered = await renderDigest(makeEdition(60, config), {
      config,
      list,
      locale: 'bilingual',
      mode: 'web',
    });
    expect(rendered.compactedItemIds).toEqual([]);
    expect(rendered.html).not.toContain('__GZ_');
    expect(rendered.html).not.toContain('/unsubscribe/');
    const doc = documentOf(rendered.html);
    for (let index = 1; index <= 60; index++) {
      expect(doc.getElementById(`item-item-${String(index).padStart(3, '0')}`)).not.toBeNull();
    }
  });
});

describe('renderDigest: subject and plain text', () => {
  it('fills the subject per locale and prefixes (광고) for advertising', async () => {
    const ko = await renderDigest(makeEdition(3, config), { config, list, locale: 'ko' });
    expect(ko.subject).toBe('가제트 데일리 · 2026년 3월 2일 월요일 · 오늘의 3건');
    const en = await renderDigest(makeEdition(3, config), { config, list, locale: 'en' });
    expect(en.subject).toBe('Gazette Daily · Monday, March 2, 2026 · 3 stories');
    const bi = await renderDigest(makeEdition(3, config), { config, list, locale: 'bilingual' });
    expect(bi.subject).toBe('가제트 데일리 / Gazette Daily · 2026년 3월 2일 월요일 · 3건 / stories');
    const words = { ...config, subject: { ko: '{items}', en: '{items}', bilingual: '{count} · {items}' } };
    const one = makeEdition(1, config);
    expect((await renderDigest(one, { config: words, list, locale: 'en' })).subject).toBe('1 story');
    expect((await renderDigest(one, { config: words, list, locale: 'bilingual' })).subject).toBe(
      '1 · 1건 / 1 story',
    );
    expect((await renderDigest(makeEdition(3, config), { config: words, list, locale: 'en' })).subject).toBe(
      '3 stories',
    );
    const ad = makeEdition(2, config, [makeStory(1), makeStory(2, { sponsored: true })]);
    expect((await renderDigest(ad, { config, list, locale: 'en' })).subject).toMatch(
      /^\(광고\) Gazette Daily/,
    );
  });

  it('the text part has every title, summary, so-what, key point and URL, wrapped', async () => {
    const edition = makeEdition(3, config);
    const rendered = await renderDigest(edition, { config, list, locale: 'bilingual' });
    for (const item of edition.sections.flatMap((s) => s.items)) {
      for (const lang of ['ko', 'en'] as const) {
        for (const text of [
          item.title[lang],
          item.summary[lang],
          item.soWhat[lang],
          ...(item.keyPoints[lang] ?? []),
        ]) {
          // Wrapping may turn a space into a line break and indentation.
          const words = (text ?? '').split(' ');
          expect(rendered.text.replace(/\s+/g, ' ')).toContain(words.join(' '));
        }
      }
      expect(rendered.text).toContain(item.canonicalUrl);
    }
    expect(rendered.text).toContain('https://news.example.com/unsubscribe/__GZ_TOKEN__');
    expect(rendered.text).toContain(config.postalAddress.slice(0, 20));
    expect(rendered.text).not.toMatch(/<[a-z]/i);
    for (const line of rendered.text.split('\n')) {
      if (!/https?:\/\//.test(line)) expect(line.length).toBeLessThanOrEqual(76);
    }
  });
});

describe('personalize', () => {
  it('swaps token and name, escaping the name in HTML only', async () => {
    const rendered = await renderDigest(makeEdition(2, config), { config, list, locale: 'bilingual' });
    const mail = personalize(rendered, { token: 'abc_DEF-123', name: 'Kim <b>&</b>' });
    expect(mail.subject).toBe(rendered.subject);
    expect(mail.html).toContain('https://news.example.com/unsubscribe/abc_DEF-123');
    expect(mail.html).toContain('Kim &#60;b&#62;&#38;&#60;/b&#62;님, 안녕하세요.');
    expect(mail.html).toContain('Hello Kim &#60;b&#62;&#38;&#60;/b&#62;,');
    expect(mail.text).toContain('Hello Kim <b>&</b>,');
    expect(mail.html + mail.text).not.toContain('__GZ_');
    const anonymous = personalize(rendered, { token: 'abc' });
    expect(anonymous.html).toContain('안녕하세요.');
    expect(anonymous.text).toContain('Hello,');
  });

  it('refuses a token that is not URL-safe', async () => {
    const rendered = await renderDigest(makeEdition(1, config), { config, list, locale: 'en' });
    expect(() => personalize(rendered, { token: '"><script>' })).toThrow(/URL-safe/);
    expect(() => personalize(rendered, { token: '' })).toThrow(/URL-safe/);
  });
});
