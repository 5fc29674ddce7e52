import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import type { LearnedOverhead } from '../../src/render/mjml-overhead.ts';
import { encodedHtmlBytes } from '../../src/render/encoded-html-bytes.ts';
import { renderDigest } from '../../src/render/render-digest.ts';
import { preflight } from '../../src/preview/preflight.ts';
import { makeEdition, makeStory } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const list = config.lists[0]!;

describe('learned overheads: injected, keyed by the templates, never by history', () => {
  it('a render gives the same email whatever was rendered before it', async () => {
    const big = makeEdition(60, config);
    // A one-language day first: an earlier render used to teach a locale's cache its kinds.
    const englishOnly = makeEdition(4, config, [
      ...Array.from({ length: 4 }, (_, i) =>
        makeStory(i + 1, { title: { en: `Only English ${i}` }, summary: {} }),
      ),
    ]);
    for (const locale of ['ko', 'en', 'bilingual'] as const) {
      const fresh = new Map<string, LearnedOverhead>();
      const alone = await renderDigest(big, { config, list, locale, overheads: fresh });
      const warmed = new Map<string, LearnedOverhead>();
      await renderDigest(englishOnly, { config, list, locale, overheads: warmed });
      await renderDigest(makeEdition(3, config), { config, list, locale, overheads: warmed });
      const after = await renderDigest(big, { config, list, locale, overheads: warmed });
      expect(after.html, locale).toBe(alone.html);
      expect(after.compactedItemIds).toEqual(alone.compactedItemIds);
      // And the process-wide default agrees.
      expect((await renderDigest(big, { config, list, locale })).html).toBe(alone.html);
    }
  });

  it('one learned overhead per template fingerprint: locales differ, days of one locale share it', async () => {
    const overheads = new Map<string, LearnedOverhead>();
    await renderDigest(makeEdition(5, config), { config, list, locale: 'ko', overheads });
    await renderDigest(makeEdition(9, config), { config, list, locale: 'ko', overheads });
    expect(overheads.size).toBe(1);
    await renderDigest(makeEdition(5, config), { config, list, locale: 'en', overheads });
    expect(overheads.size).toBe(2);
    const [ko, en] = [...overheads.keys()];
    expect(ko?.startsWith('ko ')).toBe(true);
    expect(en?.startsWith('en ')).toBe(true);
  });
});

describe('encoded size of the HTML part', () => {
  it.each(['ko', 'en'] as const)(
    '%s: equals the part nodemailer builds, and preflight reports it',
    async (locale) => {
      const rendered = await renderDigest(makeEdition(8, config), { config, list, locale });
      const encoded = encodedHtmlBytes(rendered.html);
      const message = (
        await new MailComposer({ from: 'a@b.example', to: 'c@d.example', html: rendered.html })
          .compile()
          .build()
      ).toString();
      const headers = message.slice(0, message.indexOf('\r\n\r\n'));
      expect(headers).toContain(`Content-Transfer-Encoding: ${encoded.encoding}`);
      // The body, without the part's closing line break.
      expect(encoded.bytes).toBe(Buffer.byteLength(message.slice(headers.length + 4).replace(/\r\n$/, '')));
      // Markup's Latin letters outnumber Hangul even in Korean: quoted-printable, and larger.
      expect(encoded.encoding).toBe('quoted-printable');
      expect(encoded.bytes).toBeGreaterThan(rendered.htmlBytes);
      const findings = preflight({ items: [], locale, html: rendered.html, budgetBytes: config.budgetBytes });
      const size = findings.find((f) => f.check === 'size' && f.severity === 'info');
      expect(size?.message).toContain(
        `${(encoded.bytes / 1000).toFixed(1)} KB as sent (${encoded.encoding})`,
      );
    },
  );

  it('plain ASCII with short lines travels as is', () => {
    expect(encodedHtmlBytes('<p>hi</p>\n<p>there</p>')).toEqual({ encoding: '7bit', bytes: 23 });
  });
});
