import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, resolveConfig } from '../../src/config/load-config.ts';
import type { Config } from '../../src/config/config.ts';
import type { Locale } from '../../src/locale.ts';
import type { SubscribeInput } from '../../src/subscribers/subscriber.ts';
import { testConfigFile } from '../fixtures/test-config.ts';
import { writeItem } from '../fixtures/write-item.ts';

export const SECRET = 'send-tests-secret-0123456789abcdef0123456789';
export const DATE = '2026-11-23';

/** Three items of the same day in three categories (`tech_1.md` …); one of them optionally sponsored. */
export function writeContent(dir: string, options: { sponsored?: boolean } = {}): void {
  const item = (id: string, category: string, ko: string, en: string, sponsored = false) =>
    writeItem(
      dir,
      id,
      DATE,
      {
        title: en,
        canonical_url: `https://news.example/${id}`,
        categories: [category],
        summary_ko: `${ko} 요약입니다.`,
        summary_en: `${en} summary.`,
        so_what_ko: `${ko} 시사점.`,
        so_what_en: `Why ${en} matters.`,
        key_points: [`${en} point one`],
        sponsored: sponsored ? true : undefined,
      },
      `${en} body.\n`,
    );
  item('tech_1', 'tech', '기술 소식', 'Chip news');
  item('biz_1', 'business', '경제 소식', 'Market news');
  item('policy_1', 'policy', '정책 소식', 'Policy news', options.sponsored === true);
}

export interface SendFixture {
  dir: string;
  config: Config;
  cleanup(): void;
}

/** A config in a temp folder with its own content and outbox. */
export function createSendFixture(
  runtime: { smtpUrl?: string; databaseUrl: string },
  send: Record<string, unknown> = {},
  content: { sponsored?: boolean } = {},
): SendFixture {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-send-'));
  writeContent(path.join(dir, 'content'), content);
  const file = testConfigFile({
    subject: undefined,
    categories: testConfigFile().categories.slice(0, 3),
    unsubscribeMailto: 'unsubscribe@gazette.example',
    send: { concurrency: 4, ...send },
  });
  writeFileSync(path.join(dir, 'gazette.config.json'), JSON.stringify(file, null, 2));
  const config = resolveConfig(parseConfig(file), dir, {
    SMTP_URL: runtime.smtpUrl,
    DATABASE_URL: runtime.databaseUrl,
    GAZETTE_SECRET: SECRET,
    GAZETTE_PUBLIC_URL: 'https://news.example',
  });
  return { dir, config, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A confirmed subscriber of the daily list. */
export function subscriber(
  email: string,
  locale: Locale,
  categories: string[] = [],
  extra: Partial<SubscribeInput> = {},
): SubscribeInput {
  return {
    email,
    locale,
    categories,
    lists: ['daily'],
    adConsent: false,
    consent: { source: 'import', version: 'test' },
    confirmed: true,
    ...extra,
  };
}
