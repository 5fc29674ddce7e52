import { doIUseEmail } from '@jsx-email/doiuse-email';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../src/edition/edition.ts';
import type { Locale } from '../../src/locale.ts';
import { LOCALES } from '../../src/locale.ts';
import { renderDigest } from '../../src/render/render-digest.ts';
import { makeEdition, makeStory } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = testConfig();
const list = config.lists[0]!;

/** The rendered fixtures every check runs on: small, fallback-heavy, and an over-budget day. */
const FIXTURES: Record<string, () => Edition> = {
  three: () => makeEdition(3, config),
  fallbacks: () =>
    makeEdition(2, config, [
      makeStory(1, {
        title: { en: 'English only' },
        summary: { en: 'English only.' },
        soWhat: {},
        keyPoints: {},
      }),
      makeStory(2, {
        title: { ko: '한국어만' },
        summary: { ko: '한국어만.' },
        canonicalUrl: undefined,
        source: undefined,
      }),
    ]),
  sixty: () => makeEdition(60, config),
};

const rendered: { name: string; locale: Locale; html: string }[] = [];
beforeAll(async () => {
  for (const [name, edition] of Object.entries(FIXTURES)) {
    for (const locale of LOCALES) {
      rendered.push({ name, locale, html: (await renderDigest(edition(), { config, list, locale })).html });
    }
  }
});

// Email HTML is not web HTML: these rules forbid what mail clients need.
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Mail clients strip or ignore <style> (Naver, Daum, Gmail apps): styles must be inline.
    'no-inline-style': 'off',
    // Outlook's Word engine needs align/bgcolor/cellpadding/cellspacing on tables.
    'no-deprecated-attr': 'off',
    // MJML's ghost tables for Outlook live in <!--[if mso]> comments.
    'no-conditional-comment': 'off',
    // MJML writes `<!doctype html>` and wraps the body in <div role="article"> (Gmail drops <article>).
    'doctype-style': 'off',
    'prefer-native-element': 'off',
    // React writes void elements as `<br/>`.
    'void-style': 'off',
  },
});

describe('email checks', () => {
  it('html-validate: no errors with email-appropriate rules', async () => {
    for (const { name, locale, html } of rendered) {
      const report = await validator.validateString(html);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${name}.${locale}: ${m.ruleId}: ${m.message}`),
      );
      expect(messages).toEqual([]);
    }
  });

  it('caniemail (Gmail, Outlook, Apple Mail): no (feature, client) error beyond the reviewed snapshot', () => {
    const pairs = new Set<string>();
    for (const { html } of rendered) {
      const result = doIUseEmail(html, { emailClients: ['gmail.*', 'outlook.*', 'apple-mail.*'] });
      if (result.success) continue;
      for (const error of result.errors) {
        const match = /^`(.+)` is not supported by `(.+)`$/.exec(error);
        pairs.add(match ? `${match[1]} @ ${match[2]}` : error);
      }
    }
    // Reviewed: MJML's head styles and dark mode are progressive enhancement; the layout holds
    // without them (columns stack), and Outlook's Word engine ignores what it cannot draw.
    expect([...pairs].sort()).toMatchSnapshot();
  });
});
