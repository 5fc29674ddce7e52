import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import { linkIn, startWebHarness } from './web-harness.ts';
import type { WebHarness } from './web-harness.ts';

describe.each(DIALECTS)('subscriber journey over HTTP on $name', (dialect) => {
  let h: WebHarness;
  beforeAll(async () => {
    if (dialect.available) h = await startWebHarness(dialect);
  });
  afterAll(async () => {
    if (dialect.available) await h.close();
  });

  it.skipIf(!dialect.available)(
    'subscribe → confirm mail → active → welcome → preferences → one-click out',
    async () => {
      const form = await fetch(`${h.base}/subscribe`);
      expect(form.status).toBe(200);
      const html = await form.text();
      expect(html).toContain('<label for="email">');
      expect(html).toContain('name="website"');

      const posted = await h.post('/subscribe', {
        email: ' Reader@Example.COM',
        name: '김독자',
        locale: 'ko',
        categories: ['tech'],
        lists: ['daily'],
        website: '',
      });
      expect(posted.status).toBe(200);
      expect(await posted.text()).toContain('메일함을 확인해 주세요');

      const [confirmation] = await h.mail();
      expect(confirmation?.envelope.to).toEqual(['Reader@example.com']);
      expect(confirmation?.parsed.subject).toBe('가제트 데일리 구독을 확인해 주세요');
      expect(confirmation?.parsed.html).toContain('lang="ko"');
      expect(confirmation?.parsed.html).not.toContain('lang="en"');
      const confirmUrl = linkIn(confirmation, h.base, '/confirm/');
      expect(confirmation?.parsed.html).toContain(`href="${confirmUrl}"`);
      const pending = await h.store.findByEmail('reader@example.com');
      expect(pending?.status).toBe('pending');

      // GET only shows the button: a mail gateway that follows the link confirms nothing.
      const shown = await fetch(confirmUrl);
      expect(shown.status).toBe(200);
      const shownHtml = await shown.text();
      expect(shownHtml).toContain('구독 확인하기');
      expect(shownHtml).toContain(`action="${new URL(confirmUrl).pathname}" method="post"`);
      expect((await h.store.findByEmail('reader@example.com'))?.status).toBe('pending');
      const confirmed = await h.confirm(confirmUrl);
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain('구독이 확인되었습니다');
      expect((await h.store.findByEmail('reader@example.com'))?.status).toBe('active');
      // Idempotent: a second press shows the same page and sends no second welcome; GET now says confirmed.
      expect((await h.confirm(confirmUrl)).status).toBe(200);
      expect(await (await fetch(confirmUrl)).text()).toContain('구독이 확인되었습니다');

      const received = await h.mail();
      expect(received).toHaveLength(2);
      const welcome = received[1];
      expect(welcome?.parsed.subject).toBe('가제트 데일리 구독이 시작되었습니다');
      expect(welcome?.parsed.text).toContain('김독자님, 환영합니다');
      const unsubscribeUrl = linkIn(welcome, h.base, '/unsubscribe/');
      expect(welcome?.raw.toString('utf8')).toMatch(
        /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m,
      );
      const preferencesUrl = linkIn(welcome, h.base, '/preferences/');

      const prefsPage = await fetch(preferencesUrl);
      expect(prefsPage.status).toBe(200);
      const prefsHtml = await prefsPage.text();
      expect(prefsHtml).toMatch(/name="locale" checked="" value="ko"/);
      expect(prefsHtml).toMatch(/name="categories" checked="" value="tech"/);
      const path = new URL(preferencesUrl).pathname;
      const saved = await h.post(path, {
        locale: 'bilingual',
        categories: ['tech', 'policy'],
        lists: ['daily', 'weekly'],
        name: '김독자',
      });
      expect(saved.status).toBe(200);
      expect(await saved.text()).toContain('설정을 저장했습니다');
      expect(await h.store.findByEmail('reader@example.com')).toMatchObject({
        locale: 'bilingual',
        categories: ['policy', 'tech'],
        lists: ['daily', 'weekly'],
        status: 'active',
      });

      // GET only shows the button.
      const unsubscribePage = await fetch(unsubscribeUrl);
      expect(unsubscribePage.status).toBe(200);
      expect(await unsubscribePage.text()).toContain('Reader@example.com');
      expect((await h.store.findByEmail('reader@example.com'))?.status).toBe('active');

      // RFC 8058 one-click: no cookie, no Origin, no CSRF token; the body is exactly this.
      const oneClick = await fetch(unsubscribeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.status).toBe(200);
      const reader = await h.store.findByEmail('reader@example.com');
      expect(reader?.status).toBe('unsubscribed');
      const [consent] = await h.store.consents(reader?.id ?? 0);
      expect(consent).toMatchObject({
        source: 'form',
        ip: '127.0.0.1',
        userAgent: 'JourneyTest/1.0',
        confirmIp: '127.0.0.1',
        unsubscribeSource: 'one-click',
      });
      expect(consent?.confirmedAt).not.toBeNull();
      expect(consent?.unsubscribedAt).not.toBeNull();
      // Once more: still 2xx.
      expect(
        (
          await fetch(unsubscribeUrl, {
            method: 'POST',
            body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
          })
        ).status,
      ).toBe(200);
      expect(h.logged).toEqual([]);
    },
  );

  it.skipIf(!dialect.available)(
    'sends one welcome mail for six simultaneous clicks on one link',
    async () => {
      const before = (await h.mail()).length;
      await h.post('/subscribe', { email: 'six-clicks@example.com', lists: ['daily'], website: '' });
      const confirmUrl = linkIn((await h.mail()).at(-1), h.base, '/confirm/');
      const responses = await Promise.all(Array.from({ length: 6 }, () => h.confirm(confirmUrl)));
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const mails = (await h.mail()).slice(before);
      expect(mails.map((m) => m.envelope.to[0])).toEqual([
        'six-clicks@example.com',
        'six-clicks@example.com',
      ]);
      expect(h.logged).toEqual([]);
    },
  );
});
