import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import type { PreviewFixture } from './preview-fixture.ts';
import { createPreviewFixture, openEvents, REAL_RENDERER } from './preview-fixture.ts';

const EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>';

describe('gazette preview over HTTP', () => {
  let fx: PreviewFixture;
  let base: string;

  beforeAll(async () => {
    fx = await createPreviewFixture(
      {
        'a1.md': {
          id: 'a1',
          date: '2026-03-02',
          title: 'Cloud prices fall',
          titleKo: '클라우드 가격 하락',
          summaryKo: '가격이 내렸습니다.',
          summaryEn: 'Prices fell.',
          categories: ['tech'],
          confidence: 0.9,
          url: 'https://news.example.com/a1',
        },
        // English only, low confidence, markup in the title: three preflight findings.
        'sub/a2.md': {
          id: 'a2',
          date: '2026-03-02',
          title: `Unsure policy story ${EVIL}`,
          summaryEn: 'Maybe.',
          categories: ['policy'],
          confidence: 0.4,
        },
        'b1.md': {
          id: 'b1',
          date: '2026-03-01',
          title: 'Earnings day',
          titleKo: '실적 발표일',
          summaryKo: '실적.',
          summaryEn: 'Earnings.',
          categories: ['business'],
        },
      },
      { stallMs: 15_000 },
    );
    base = fx.server.url;
  });
  afterAll(async () => {
    await fx?.close();
  });

  // Rendering runs in a child process that starts (tsx, React, MJML) after every template edit.
  const SLOW = 90_000;
  // Three template edits, so up to three process starts (slowest on Node 24).
  const SLOWER = 240_000;

  it(
    'lists the editions newest first with items per category and the content problems',
    async () => {
      const response = await fetch(base);
      expect(response.status).toBe(200);
      const { document } = parseHTML(await response.text());
      const rows = [...document.querySelectorAll('table.editions tbody tr')];
      expect(rows.map((row) => row.querySelector('a')?.textContent)).toEqual(['2026-03-02', '2026-03-01']);
      expect(rows[0]?.querySelector('.num')?.textContent).toBe('2');
      expect(rows[0]?.textContent).toContain('Technology · 기술 1');
      expect(rows[0]?.textContent).toContain('Policy · 정책 1');
      expect(document.querySelector('.problems, .ok')?.textContent).toBe('No content problems.');
    },
    SLOW,
  );

  it(
    'renders every list × locale of an edition with subject, preheader, size and preflight',
    async () => {
      const response = await fetch(`${base}/edition/2026-03-02`);
      expect(response.status).toBe(200);
      const { document } = parseHTML(await response.text());
      const variants = [...document.querySelectorAll('section.variant')].map((v) =>
        v.getAttribute('data-variant'),
      );
      expect(variants).toEqual(['daily.ko', 'daily.en', 'daily.bilingual', 'techonly.en']);
      const ko = document.querySelector('[data-variant="daily.ko"]');
      expect(ko?.querySelector('.inbox .subject')?.textContent).toContain('테스트 데일리');
      expect(ko?.querySelector('.inbox .preheader')?.textContent).toContain('클라우드 가격 하락');
      const meter = ko?.querySelector('meter');
      expect(Number(meter?.getAttribute('value'))).toBeGreaterThan(5_000);
      expect(meter?.getAttribute('max')).toBe('102000');
      const findings = [...(ko?.querySelectorAll('.preflight li') ?? [])].map((li) => li.textContent ?? '');
      expect(
        findings.some(
          (f) => f.startsWith('translation') && f.includes('a2') && f.includes('no Korean title'),
        ),
      ).toBe(true);
      expect(findings.some((f) => f.startsWith('confidence') && f.includes('a2') && f.includes('0.4'))).toBe(
        true,
      );
      // The config's public URL defaults to http://localhost:8080: every link to it is flagged.
      expect(
        findings.some((f) => f.startsWith('link') && f.includes('/unsubscribe/') && f.includes('not https')),
      ).toBe(true);
      expect(findings.some((f) => f.startsWith('client') && /not supported by .*outlook/.test(f))).toBe(true);
      // The techonly list carries only the tech item.
      const tech = document.querySelector('[data-variant="techonly.en"]');
      expect(tech?.querySelector('.inbox .preheader')?.textContent).toContain('Cloud prices fall');
      expect(tech?.querySelector('.inbox .preheader')?.textContent).not.toContain('Unsure policy');
    },
    SLOW,
  );

  it('serves the email itself sandboxed, and a dark copy for the dark toggle', async () => {
    const page = parseHTML(
      await (await fetch(`${base}/edition/2026-03-02?scheme=dark&width=375`)).text(),
    ).document;
    const frame = page.querySelector('[data-variant="daily.en"] iframe');
    expect(frame?.getAttribute('class')).toContain('w-375');
    expect(frame?.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    const src = frame?.getAttribute('src') ?? '';
    expect(src).toMatch(/^\/raw\/2026-03-02\/daily\/en\?scheme=dark/);

    const dark = await fetch(`${base}${src}`);
    expect(dark.headers.get('content-security-policy')).toMatch(/^sandbox allow-popups/);
    expect(dark.headers.get('content-security-policy')).toContain("default-src 'none'");
    const darkHtml = await dark.text();
    expect(darkHtml).toContain('<meta name="color-scheme" content="dark">');
    expect(darkHtml).not.toMatch(/prefers-color-scheme\s*:\s*dark/);
    const light = await (await fetch(`${base}/raw/2026-03-02/daily/en`)).text();
    expect(light).toMatch(/prefers-color-scheme\s*:\s*dark/);
    expect(light).toContain('Cloud prices fall');
    expect(light).toContain('/unsubscribe/preview-sample-token');
    expect(light).not.toContain('__GZ_');
  });

  it(
    'previews the confirmation and welcome emails with a sample subscriber',
    async () => {
      const confirm = parseHTML(await (await fetch(`${base}/transactional/confirm`)).text()).document;
      const variants = [...confirm.querySelectorAll('section.variant')];
      expect(variants.map((v) => v.getAttribute('data-variant'))).toEqual([
        'confirm.ko',
        'confirm.en',
        'confirm.bilingual',
      ]);
      expect(variants[1]?.querySelector('.inbox .subject')?.textContent).toContain('Test Daily');
      expect(variants[1]?.querySelector('form')).toBeNull();
      const raw = await fetch(`${base}/raw-mail/confirm/en`);
      expect(raw.headers.get('content-security-policy')).toMatch(/^sandbox /);
      expect(await raw.text()).toContain('/confirm/preview-sample-token');
      const welcome = await (await fetch(`${base}/raw-mail/welcome/ko?scheme=dark`)).text();
      expect(welcome).toContain('Minji Kim');
      expect(welcome).toContain('<meta name="color-scheme" content="dark">');
      expect((await fetch(`${base}/transactional/unknown`)).status).toBe(404);
    },
    SLOW,
  );

  it('shows the plain-text part and the source', async () => {
    const text = parseHTML(await (await fetch(`${base}/edition/2026-03-02?view=text`)).text()).document;
    expect(text.querySelector('[data-variant="daily.en"] pre.plain')?.textContent).toContain(
      'Cloud prices fall',
    );
    const source = parseHTML(await (await fetch(`${base}/edition/2026-03-02?view=source`)).text()).document;
    expect(source.querySelector('[data-variant="daily.en"] pre.source')?.textContent).toMatch(
      /^<!doctype html>/i,
    );
  });

  it('never lets content markup run: escaped in pages, CSP on every response', async () => {
    for (const url of [`${base}/`, `${base}/edition/2026-03-02`, `${base}/edition/2026-03-02?view=source`]) {
      const response = await fetch(url);
      const html = await response.text();
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const raw = await (await fetch(`${base}/raw/2026-03-02/daily/en`)).text();
    expect(raw).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(raw).not.toContain('<script>alert(1)');
  });

  it('refuses path traversal and unknown paths', async () => {
    for (const path of [
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/raw/..%2F..%2Fetc%2Fpasswd/daily/en',
      '/edition/%2e%2e%5c%2e%2e%5cpackage.json',
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(403);
      expect(await response.text()).not.toContain('"name"');
    }
    expect((await fetch(`${base}/package.json`)).status).toBe(404);
    expect((await fetch(`${base}/edition/not-a-date`)).status).toBe(404);
    expect((await fetch(`${base}/edition/1999-01-01`)).status).toBe(404);
    expect((await fetch(`${base}/raw/2026-03-02/daily/fr`)).status).toBe(404);
  });

  it('answers only to its own host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/`, { headers: { Host: `evil.example:${fx.server.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('sends a test through the mailer, and refuses cross-site posts', async () => {
    const form = new URLSearchParams({
      date: '2026-03-02',
      list: 'daily',
      locale: 'en',
      to: 'editor@test.example',
    });
    const post = (headers: Record<string, string>, body = form) =>
      fetch(`${base}/send`, { method: 'POST', body, headers, redirect: 'manual' });
    expect((await post({})).status).toBe(403);
    expect((await post({ Origin: 'http://evil.example' })).status).toBe(403);
    expect(
      (
        await post(
          { Origin: base },
          new URLSearchParams({ ...Object.fromEntries(form), to: 'x\r\nBcc: a@b.c' }),
        )
      ).status,
    ).toBe(400);
    expect(fx.sink.received).toHaveLength(0);

    const sent = await post({ Origin: base });
    expect(sent.status).toBe(303);
    expect(fx.sink.received).toHaveLength(1);
    const mail = fx.sink.received[0];
    expect(mail?.envelope.to).toEqual(['editor@test.example']);
    expect(mail?.parsed.subject).toContain('Test Daily');
    expect(mail?.parsed.html).toContain('Cloud prices fall');
    expect(mail?.parsed.text).toContain('Cloud prices fall');
    const after = await (await fetch(`${base}${sent.headers.get('location') ?? ''}`)).text();
    expect(after).toContain('sent to editor@test.example');
  });

  it('picks up an added file without a restart: an SSE reload arrives and the index shows it', async () => {
    const events = await openEvents(base);
    try {
      expect(events.response.headers.get('content-type')).toContain('text/event-stream');
      const hello = Number(await events.next('hello'));
      fx.writeItem('2026-03/c1.md', {
        id: 'c1',
        date: '2026-03-03',
        title: 'A new day',
        titleKo: '새로운 날',
        summaryKo: '새 소식.',
        summaryEn: 'News.',
        categories: ['tech'],
      });
      expect(Number(await events.next('reload'))).toBeGreaterThan(hello);
      const { document } = parseHTML(await (await fetch(base)).text());
      expect(document.querySelector('table.editions tbody tr a')?.textContent).toBe('2026-03-03');
    } finally {
      events.close();
    }
  });

  it('shows a broken content file as a problem and keeps serving', async () => {
    const events = await openEvents(base);
    try {
      await events.next('hello');
      fx.writeFile('broken.md', '---\nid: "x"\ntitle: [unclosed\n---\n');
      await events.next('reload');
      const response = await fetch(base);
      expect(response.status).toBe(200);
      const problems =
        parseHTML(await response.text()).document.querySelector('.problems')?.textContent ?? '';
      expect(problems).toContain('broken.md');
      expect(problems).toContain('not valid YAML');
    } finally {
      events.close();
    }
  });

  it(
    're-imports an edited template: a broken or looping one shows its error, the fix shows the email again',
    async () => {
      const events = await openEvents(base);
      try {
        await events.next('hello');
        fx.writeRenderer(`${REAL_RENDERER}export const broken = ;\n`);
        await events.next('reload');
        const failing = await fetch(`${base}/edition/2026-03-02`);
        expect(failing.status).toBe(500);
        const error =
          parseHTML(await failing.text()).document.querySelector('.error-box pre')?.textContent ?? '';
        expect(error).toContain('renderer.ts');
        expect((await fetch(base)).status).toBe(200);

        // An endless loop: the render process stops answering, is killed, and the page says why.
        fx.writeRenderer('export async function renderDigest() {\n  for (;;) {}\n}\n');
        await events.next('reload');
        const stuck = await fetch(`${base}/edition/2026-03-02`);
        expect(stuck.status).toBe(500);
        expect(parseHTML(await stuck.text()).document.querySelector('.error-box pre')?.textContent).toContain(
          'endless loop',
        );

        fx.writeRenderer(REAL_RENDERER);
        await events.next('reload');
        const fixed = await fetch(`${base}/edition/2026-03-02`);
        expect(fixed.status).toBe(200);
        expect(
          parseHTML(await fixed.text()).document.querySelectorAll('section.variant iframe'),
        ).toHaveLength(4);
      } finally {
        events.close();
      }
    },
    SLOWER,
  );
});
