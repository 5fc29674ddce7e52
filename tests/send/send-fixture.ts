import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, resolveConfig } from '../../src/config/load-config.ts';
import type { Config } from '../../src/config/config.ts';
import type { Locale } from '../../src/locale.ts';
import type { SubscribeInput } from '../../src/subscribers/subscriber.ts';

export const SECRET = 'send-tests-secret-0123456789abcdef0123456789';
export const DATE = '2026-11-23';

/** Three items of the same day in three categories; one of them optionally sponsored. */
export function writeContent(dir: string, options: { sponsored?: boolean } = {}): void {
  mkdirSync(dir, { recursive: true });
  const item = (id: string, category: string, ko: string, en: string, sponsored = false) =>
    [
      '---',
      `id: "${id}"`,
      `date_published: "${DATE}"`,
      `title: "${en}"`,
      `canonical_url: "https://news.example/${id}"`,
      `categories: ["${category}"]`,
      `summary_ko: "${ko} 요약입니다."`,
      `summary_en: "${en} summary."`,
      `so_what_ko: "${ko} 시사점."`,
      `so_what_en: "Why ${en} matters."`,
      'key_points:',
      `  - "${en} point one"`,
      ...(sponsored ? ['sponsored: true'] : []),
      '---',
      '',
      `${en} body.`,
      '',
    ].join('\n');
  writeFileSync(path.join(dir, 'tech.md'), item('tech_1', 'tech', '기술 소식', 'Chip news'));
  writeFileSync(path.join(dir, 'biz.md'), item('biz_1', 'business', '경제 소식', 'Market news'));
  writeFileSync(
    path.join(dir, 'policy.md'),
    item('policy_1', 'policy', '정책 소식', 'Policy news', options.sponsored === true),
  );
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
  const file = {
    name: { ko: '가제트 데일리', en: 'Gazette Daily' },
    from: { name: 'Gazette Daily', email: 'digest@gazette.example' },
    replyTo: 'editors@gazette.example',
    postalAddress: 'Gazette Media, 12 Sejong-daero, Jung-gu, Seoul 04519',
    timeZone: 'Asia/Seoul',
    categories: [
      { id: 'tech', label: { ko: '기술', en: 'Technology' } },
      { id: 'business', label: { ko: '비즈니스', en: 'Business' } },
      { id: 'policy', label: { ko: '정책', en: 'Policy' } },
    ],
    lists: [{ id: 'daily', name: { ko: '데일리 브리핑', en: 'Daily Briefing' } }],
    unsubscribeMailto: 'unsubscribe@gazette.example',
    send: { concurrency: 4, ...send },
  };
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
