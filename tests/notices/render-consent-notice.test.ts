import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderConsentNotice } from '../../src/transactional/render-consent-notice.ts';

const config = {
  name: { ko: '한빛 신문', en: 'Hanbit News' },
  from: { name: 'Hanbit News', email: 'digest@hanbit.example' },
  postalAddress: '12 Sejong-daero, Seoul',
  lists: [
    { id: 'daily', name: { ko: '데일리', en: 'Daily' } },
    { id: 'briefing', name: { ko: '뉴스 브리핑', en: 'News Briefing' } },
  ],
} as unknown as Parameters<typeof renderConsentNotice>[0];

const links = {
  preferencesUrl: 'https://news.example/preferences/tok',
  unsubscribeUrl: 'https://news.example/unsubscribe/tok',
};

describe('the consent notice (정보통신망법 §50⑧, 시행령 제62조의3②)', () => {
  it('in Korean: sender, the date, what was consented to, how to keep or withdraw; particles fit the names', async () => {
    const mail = await renderConsentNotice(config, {
      locale: 'ko',
      name: '김하늘',
      lists: ['briefing'],
      consentedOn: '2024-12-04',
      ...links,
    });
    expect(mail.subject).toBe('한빛 신문 광고성 정보 수신 동의 확인 안내');
    const { document } = parseHTML(mail.html);
    expect(document.documentElement.getAttribute('lang')).toBe('ko');
    const block = [...document.querySelectorAll('[lang="ko"]')].find((e) => e.tagName === 'DIV');
    expect(block?.getAttribute('dir')).toBe('ltr');
    expect(document.querySelector('[lang="en"]')).toBeNull();
    const text = mail.text;
    // 신문 ends in a consonant: 은, not 는; 브리핑 too: 을, not 를.
    expect(text).toContain('한빛 신문은 정보통신망법 제50조제8항에 따라');
    expect(text).toContain('뉴스 브리핑을 통해 이메일로 보내는 광고성 정보');
    expect(text).toContain('동의한 날짜: 2024년 12월 4일');
    expect(text).toContain('전송자: Hanbit News');
    expect(text).toContain('김하늘님, 안녕하세요.');
    expect(text).toContain('아무것도 하지 않으셔도 됩니다');
    const hrefs = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(expect.arrayContaining([links.preferencesUrl, links.unsubscribeUrl]));
    expect(text).toContain(links.unsubscribeUrl);
  });

  it('a list name ending in a vowel takes 를, and two lists are joined for reading', async () => {
    const mail = await renderConsentNotice(config, {
      locale: 'ko',
      name: null,
      lists: ['briefing', 'daily'],
      consentedOn: '2024-06-15',
      ...links,
    });
    expect(mail.text).toContain('뉴스 브리핑 및 데일리를 통해');
    expect(mail.text).toContain('안녕하세요.');
    expect(mail.text).not.toContain('님,');
  });

  it('in English, and bilingual with each language in its own lang block', async () => {
    const en = await renderConsentNotice(config, {
      locale: 'en',
      name: 'Sky',
      lists: ['daily', 'briefing'],
      consentedOn: '2024-12-04',
      ...links,
    });
    expect(en.subject).toBe('Hanbit News: your consent to advertising email');
    expect(en.text).toContain('Consented on: 4 December 2024');
    expect(en.text).toContain('advertising (such as sponsored items) by email in Daily and News Briefing');
    expect(en.text).toContain("Korea's Network Act (Article 50(8))");
    expect(parseHTML(en.html).document.documentElement.getAttribute('lang')).toBe('en');

    const both = await renderConsentNotice(config, {
      locale: 'bilingual',
      name: null,
      lists: ['daily'],
      consentedOn: '2024-12-04',
      ...links,
    });
    expect(both.subject).toBe(
      '한빛 신문 광고성 정보 수신 동의 확인 안내 / Hanbit News: your consent to advertising email',
    );
    const { document } = parseHTML(both.html);
    const blocks = [...document.querySelectorAll('div[lang]')].map((e) => e.getAttribute('lang'));
    expect(blocks).toEqual(expect.arrayContaining(['ko', 'en']));
    const ko = [...document.querySelectorAll('div[lang="ko"]')].map((e) => e.textContent).join(' ');
    const enText = [...document.querySelectorAll('div[lang="en"]')].map((e) => e.textContent).join(' ');
    expect(ko).toContain('2024년 12월 4일');
    expect(ko).not.toContain('December');
    expect(enText).toContain('4 December 2024');
    expect(enText).not.toMatch(/[\uac00-\ud7af]/);
  });

  it('marks the reader’s name with its own language inside the other language’s block', async () => {
    const mail = await renderConsentNotice(config, {
      locale: 'bilingual',
      name: '김하늘',
      lists: ['daily'],
      consentedOn: '2024-12-04',
      ...links,
    });
    const { document } = parseHTML(mail.html);
    const english = [...document.querySelectorAll('div[lang="en"]')].find((e) =>
      e.textContent?.includes('Hello'),
    );
    expect(english?.querySelector('span[lang="ko"]')?.textContent).toBe('김하늘');
    expect(english?.textContent).toContain('Hello 김하늘,');
    const latin = await renderConsentNotice(config, {
      locale: 'ko',
      name: 'Sky',
      lists: ['daily'],
      consentedOn: '2024-12-04',
      ...links,
    });
    const korean = parseHTML(latin.html).document.querySelector('div[lang="ko"]');
    expect(korean?.querySelector('span[lang="en"]')?.textContent).toBe('Sky');
    expect(latin.text).toContain('Sky님, 안녕하세요.');
  });
});
