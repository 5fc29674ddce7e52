import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/locale.ts';
import { renderDigest } from '../../src/render/render-digest.ts';
import { makeEdition } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const list = config.lists[0]!;
const documentOf = (html: string) => parseHTML(html).document;

/** A stored edition: No. 12, one item two days late, one correction. */
function storedEdition(count = 6) {
  return {
    ...makeEdition(count, config),
    number: 12,
    marks: { 'item-002': { late: '2026-02-28' }, 'item-003': { correction: true } },
  };
}

const LATE = { ko: '2월 28일 기사', en: 'From Feb 28' } as const;
const CORRECTION = { ko: '정정', en: 'Correction' } as const;
const NUMBER = { ko: '제12호', en: 'No. 12' } as const;

describe.each(LOCALES)('%s: an edition record renders its number and its marks', (locale) => {
  const languages = locale === 'bilingual' ? (['ko', 'en'] as const) : ([locale] as const);

  it.each(['email', 'web'] as const)(
    '%s: masthead number, late and correction marks with lang, HTML and text',
    async (mode) => {
      const rendered = await renderDigest(storedEdition(), { config, list, locale, mode });
      const doc = documentOf(rendered.html);
      for (const lang of languages) {
        const masthead = [...doc.querySelectorAll(`div[lang="${lang}"].gz-mu`)].map((el) => el.textContent);
        expect(
          masthead.some((text) => text?.endsWith(` · ${NUMBER[lang]}`)),
          `${lang} masthead`,
        ).toBe(true);
        expect(rendered.text).toContain(NUMBER[lang]);
        const late = [
          ...(doc
            .getElementById('item-item-002')
            ?.closest('.gz-it')
            ?.querySelectorAll(`span[lang="${lang}"]`) ?? []),
        ];
        expect(
          late.map((el) => el.textContent?.replace(/^ · /, '')),
          `${lang} late`,
        ).toContain(LATE[lang]);
        const fixed = [
          ...(doc
            .getElementById('item-item-003')
            ?.closest('.gz-it')
            ?.querySelectorAll(`span[lang="${lang}"]`) ?? []),
        ];
        expect(
          fixed.map((el) => el.textContent?.replace(/^ · /, '')),
          `${lang} correction`,
        ).toContain(CORRECTION[lang]);
        expect(rendered.text).toContain(LATE[lang]);
        expect(rendered.text).toContain(CORRECTION[lang]);
      }
      // Items of the day carry no mark.
      const plain = doc.getElementById('item-item-004')?.closest('.gz-it')?.textContent ?? '';
      for (const lang of languages) {
        expect(plain).not.toContain(LATE[lang]);
        expect(plain).not.toContain(CORRECTION[lang]);
      }
    },
  );

  it('a live edition has no number and no marks', async () => {
    const rendered = await renderDigest(makeEdition(6, config), { config, list, locale });
    for (const lang of languages) {
      expect(rendered.html).not.toContain(NUMBER[lang]);
      expect(rendered.text).not.toContain(NUMBER[lang]);
    }
    expect(rendered.html).not.toContain('2월 28일 기사');
  });

  it('a compacted late headline keeps its mark', async () => {
    const tiny = testConfig({ budgetBytes: 50_000 });
    const edition = { ...makeEdition(40, tiny), number: 3, marks: { 'item-040': { late: '2026-02-28' } } };
    const rendered = await renderDigest(edition, { config: tiny, list, locale });
    expect(rendered.compactedItemIds).toContain('item-040');
    const doc = documentOf(rendered.html);
    const line = doc.querySelector('a[href$="#item-item-040"]')?.parentElement;
    // After the linked title, one mark per language (the title's own spans are inside the link).
    const marks = [...(line?.children ?? [])].filter((el) => el.tagName === 'SPAN');
    expect(marks.map((el) => [el.getAttribute('lang'), el.textContent])).toEqual(
      languages.map((lang) => [lang, LATE[lang]]),
    );
    expect(rendered.text).toContain(`[${LATE[languages[0]]}]`);
  });
});
