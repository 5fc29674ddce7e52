import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { renderArchivePage } from '../../src/archive/archive-page-shell.tsx';
import { createWebApp } from '../../src/web/create-web-app.tsx';
import type { WebDeps } from '../../src/web/web-deps.ts';
import { webConfig } from './web-harness.ts';

function withLists(config: Config, name: Config['name']): Config {
  return {
    ...config,
    name,
    lists: [
      {
        ...config.lists[0]!,
        description: { ko: '매일 아침 주요 뉴스', en: 'The main news every morning' },
      },
      config.lists[1]!,
    ],
  };
}

async function home(config: Config, extra: Partial<WebDeps> = {}) {
  const logged: string[] = [];
  const web = createWebApp({
    config,
    // The home page reads neither store nor mailer.
    store: {} as SubscriberStore,
    mailer: {} as Mailer,
    log: (text) => logged.push(text),
    ...extra,
  });
  const response = await web.app.request('/');
  return { response, document: parseHTML(await response.text()).document, logged };
}

describe('home page', () => {
  const base = webConfig('http://127.0.0.1:8080');

  it('shows the name, the lists that have a description, the latest editions and the form', async () => {
    const { response, document } = await home(withLists(base, { ko: '가제트 데일리', en: 'Gazette Daily' }), {
      latestEditions: async () => [
        {
          listId: 'daily',
          number: 42,
          date: '2026-12-03',
          title: '오늘의 뉴스 <b>',
          url: '/archive/2026-12-03',
        },
        { listId: 'weekly', date: '2026-11-30', title: 'Weekly', url: '/archive/2026-11-30' },
      ],
    });
    expect(response.status).toBe(200);
    expect(document.querySelector('h1')?.textContent).toContain('가제트 데일리');
    expect(document.querySelector('h1 [lang="en"]')?.textContent).toBe('Gazette Daily');
    // A vowel-final name takes 를.
    expect(document.querySelector('main p [lang="ko"]')?.textContent).toBe(
      '가제트 데일리를 매일 아침 이메일로 받아 보세요.',
    );
    const dts = [...document.querySelectorAll('dl dt')].map((d) => d.textContent);
    expect(dts).toEqual(['데일리 Daily']);
    expect(document.querySelector('dl dd [lang="en"]')?.textContent).toBe('The main news every morning');
    const links = [...document.querySelectorAll('#editions-heading ~ ul a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/archive/2026-12-03', '/archive/2026-11-30']);
    expect(links[0]?.textContent).toBe('2026-12-03 · #42 · 오늘의 뉴스 <b>');
    expect(document.querySelector('a[href="/archive"]')).not.toBeNull();
    expect(
      document.querySelector('form[action="/subscribe"][method="post"] input[name="email"]'),
    ).not.toBeNull();
    expect(document.querySelector('form input[name="website"]')).not.toBeNull();
  });

  it('takes 을 after a consonant-final name, and renders no editions without a source', async () => {
    const { document } = await home(withLists(base, { ko: '오늘의 뉴스', en: "Today's News" }));
    expect(document.querySelector('main p [lang="ko"]')?.textContent).toBe(
      '오늘의 뉴스를 매일 아침 이메일로 받아 보세요.',
    );
    const consonant = await home(withLists(base, { ko: '서울신문', en: 'Seoul Shinmun' }));
    expect(consonant.document.querySelector('main p [lang="ko"]')?.textContent).toBe(
      '서울신문을 매일 아침 이메일로 받아 보세요.',
    );
    expect(document.querySelector('#editions-heading')).toBeNull();
  });

  it('still serves the form when the editions source fails', async () => {
    const { response, document, logged } = await home(base, {
      latestEditions: async () => {
        throw new Error('archive unreadable');
      },
    });
    expect(response.status).toBe(200);
    expect(document.querySelector('form[action="/subscribe"]')).not.toBeNull();
    expect(logged).toEqual(['GET / latest editions failed']);
  });

  it('links the subscribe page to the archive', async () => {
    const web = createWebApp({ config: base, store: {} as SubscriberStore, mailer: {} as Mailer });
    const { document } = parseHTML(await (await web.app.request('/subscribe')).text());
    expect(document.querySelector('a[href="/archive"]')?.textContent).toContain('Past editions');
  });

  it('links archive pages to the subscribe page', () => {
    const page = (subscribeHref: string) =>
      parseHTML(
        renderArchivePage({
          lang: 'ko',
          title: 't',
          name: base.name,
          homeHref: '/archive',
          subscribeHref,
          children: null,
        }),
      ).document.querySelector('a.subscribe');
    expect(page('/news/subscribe')?.getAttribute('href')).toBe('/news/subscribe');
  });
});
