import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderTransactionalEmail } from '../../src/transactional/render-transactional-email.ts';
import { testConfig } from '../fixtures/test-config.ts';

// The subjects and sentences below spell out this name (and its particles).
const config = testConfig({ name: { ko: '가제트 데일리', en: 'Gazette Daily' } });

/** Text nodes with words that are not inside an element carrying `lang` below <body>. */
function textOutsideLangBlocks(html: string): string[] {
  const { document } = parseHTML(html);
  const body = document.querySelector('body');
  const loose: string[] = [];
  const walk = (node: Node, inLang: boolean) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === 3) {
        const text = (child.textContent ?? '').replace(/(?:[\s\u200b-\u200d\u2060\ufeff·/]|\u034f)+/g, '');
        if (!inLang && /[\p{L}]/u.test(text)) loose.push(text);
      } else if (child.nodeType === 1) {
        const element = child as Element;
        // The body's own table cell repeats the document language; blocks below must set their own.
        const own = element.hasAttribute('lang') && element.tagName !== 'TD';
        walk(child, inLang || own);
      }
    }
  };
  if (body !== null) walk(body, false);
  return loose;
}

describe('transactional emails (react-email)', () => {
  it('renders a bilingual confirmation: lang on every language block, the link in HTML and text', async () => {
    const url = 'https://news.example/confirm/abc.def.ghi';
    const mail = await renderTransactionalEmail(config, {
      kind: 'confirm',
      locale: 'bilingual',
      confirmUrl: url,
      expiresInDays: 7,
    });
    expect(mail.subject).toBe(
      '가제트 데일리 구독을 확인해 주세요 / Please confirm your Gazette Daily subscription',
    );
    const { document } = parseHTML(mail.html);
    expect(document.documentElement.getAttribute('lang')).toBe('ko');
    expect(document.querySelectorAll('[lang="ko"]').length).toBeGreaterThan(2);
    expect(document.querySelectorAll('[lang="en"]').length).toBeGreaterThan(2);
    // Only the sender line and the URL may stand outside a language block.
    expect(textOutsideLangBlocks(mail.html).filter((t) => !/Gazette|Sejong|https/.test(t))).toEqual([]);
    expect([...document.querySelectorAll('a')].filter((a) => a.getAttribute('href') === url)).toHaveLength(2);
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('구독 확인하기');
    expect(mail.text).toContain('Confirm subscription');
    expect(mail.text).not.toMatch(/CONFIRM YOUR/);
    expect(mail.html).toContain('prefers-color-scheme:dark');
  });

  it('renders a Korean-only welcome with no English block, and escapes the name', async () => {
    const mail = await renderTransactionalEmail(config, {
      kind: 'welcome',
      locale: 'ko',
      name: '<script>alert(1)</script>김',
      preferencesUrl: 'https://news.example/preferences/t',
      unsubscribeUrl: 'https://news.example/unsubscribe/t',
    });
    expect(mail.html).not.toContain('lang="en"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    const { document } = parseHTML(mail.html);
    const links = [...document.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://news.example/preferences/t', 'https://news.example/unsubscribe/t']);
    expect(mail.text).toContain('구독 설정 변경 https://news.example/preferences/t');
    expect(mail.text).toContain('구독 취소 https://news.example/unsubscribe/t');
  });
});
