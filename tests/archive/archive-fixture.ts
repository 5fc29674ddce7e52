import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../../src/config/config.ts';
import { today } from '../../src/edition/local-date.ts';
import { testConfig, testConfigFile } from '../fixtures/test-config.ts';

export const TIME_ZONE = 'Asia/Seoul';
/** A day too long for one email: its overflow is compacted in the email, shown in full on the web. */
export const BIG_DAY = '2026-03-02';
export const BIG_DAY_ITEMS = 60;
/** Small days before the big one: with the big day, more than one archive page. */
export const SMALL_DAYS = 32;

export interface ArchiveFixture {
  root: string;
  contentDir: string;
  outDir: string;
  /** A date two days ahead in the newsletter's time zone; its items exist but must stay hidden. */
  futureDate: string;
  /** Every past date in the content, newest first. */
  pastDates: string[];
  /** Item ids of the big day, in file order. */
  bigDayIds: string[];
  config(publicUrl: string): Config;
  writeItem(file: string, fields: ItemFields): void;
  cleanup(): void;
}

export interface ItemFields {
  id: string;
  date: string;
  titleKo?: string;
  titleEn?: string;
  category?: string;
  long?: boolean;
}

/** A temp content folder: a 60-item day, 32 one-item days before it, a future day. */
export function createArchiveFixture(): ArchiveFixture {
  const root = mkdtempSync(path.join(tmpdir(), 'gazette-archive-'));
  const contentDir = path.join(root, 'content');
  const outDir = path.join(root, 'out');
  mkdirSync(contentDir, { recursive: true });
  const writeItem = (file: string, fields: ItemFields) => {
    const target = path.join(contentDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, itemSource(fields));
  };
  const categories = ['tech', 'business', 'policy', 'rnd'];
  const bigDayIds: string[] = [];
  for (let index = 1; index <= BIG_DAY_ITEMS; index++) {
    // Ids that need escaping in a URL fragment and in HTML: the anchors must still resolve.
    const id = index === 60 ? 'last story: Q&A #60 (special)' : `big-${String(index).padStart(3, '0')}`;
    bigDayIds.push(id);
    writeItem(`big/${String(index).padStart(3, '0')}.md`, {
      id,
      date: BIG_DAY,
      titleKo: `${index}번째 소식: 반도체 수출 규제가 공급망에 미치는 영향`,
      titleEn: `Story ${index}: how chip export rules ripple through supply chains`,
      category: categories[index % categories.length],
      long: true,
    });
  }
  const smallDates: string[] = [];
  for (let index = 1; index <= SMALL_DAYS; index++) {
    const date = isoDate(Date.UTC(2026, 0, index)); // 2026-01-01 .. 2026-02-01
    smallDates.push(date);
    writeItem(`small/${date}.md`, {
      id: `small-${date}`,
      date,
      titleKo: `${date} 단신`,
      titleEn: `Brief of ${date}`,
      category: 'policy',
    });
  }
  const future = futureDate();
  writeItem('future/tomorrow.md', {
    id: 'future-item',
    date: future,
    titleKo: '미래 소식',
    titleEn: 'News from the future',
  });
  return {
    root,
    contentDir,
    outDir,
    futureDate: future,
    pastDates: [BIG_DAY, ...smallDates.reverse()],
    bigDayIds,
    config: (publicUrl) => archiveConfig(publicUrl, contentDir, outDir),
    writeItem,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The config file's content; one category label carries characters XML and HTML escape. */
export const ARCHIVE_CONFIG_FILE = testConfigFile({
  replyTo: undefined,
  subject: undefined,
  timeZone: TIME_ZONE,
  categories: [
    { id: 'tech', label: { ko: '기술', en: 'Technology' } },
    { id: 'business', label: { ko: '비즈니스', en: 'Business' } },
    { id: 'policy', label: { ko: '정책', en: 'Policy' } },
    { id: 'rnd', label: { ko: '연구&개발 <R&D>', en: 'R&D <Labs> "quoted"' } },
  ],
  // The archive shows a list's sent edition in every language, even when the list mails only one.
  lists: [{ id: 'daily', name: { ko: '데일리', en: 'Daily' }, locales: ['ko'] }],
});

/** Two days ahead in the newsletter's time zone. */
export function futureDate(): string {
  return isoDate(Date.parse(`${today(TIME_ZONE)}T00:00:00Z`) + 2 * 86_400_000);
}

/** A config over the given folders. */
export function archiveConfig(publicUrl: string, contentDir: string, outDir: string): Config {
  return testConfig(ARCHIVE_CONFIG_FILE, {
    rootDir: path.dirname(contentDir),
    env: { GAZETTE_PUBLIC_URL: publicUrl },
    flags: { contentDir, outDir },
  });
}

function itemSource(fields: ItemFields): string {
  const lines = [
    '---',
    `id: ${JSON.stringify(fields.id)}`,
    `date_published: "${fields.date}"`,
    'date_ingested: "2026-01-01T00:00:00Z"',
    `title: ${JSON.stringify(fields.titleEn ?? fields.titleKo ?? fields.id)}`,
  ];
  if (fields.titleKo !== undefined) lines.push(`title_ko: ${JSON.stringify(fields.titleKo)}`);
  if (fields.titleEn !== undefined) lines.push(`title_en: ${JSON.stringify(fields.titleEn)}`);
  lines.push(`canonical_url: "https://news.example.org/${encodeURIComponent(fields.id)}"`);
  if (fields.category !== undefined) lines.push(`categories: ["${fields.category}"]`);
  const repeat = fields.long === true ? 3 : 1;
  lines.push(
    `summary_ko: ${JSON.stringify('주요 반도체 기업들이 새 수출 규제에 대응해 생산 거점을 조정하고 있습니다. '.repeat(repeat))}`,
    `summary_en: ${JSON.stringify('Major chipmakers are moving production to cope with the new export rules. '.repeat(repeat))}`,
  );
  if (fields.long === true) {
    lines.push(
      `so_what_ko: ${JSON.stringify('부품 조달 일정과 재고 정책을 다시 점검해야 합니다. '.repeat(2))}`,
      `so_what_en: ${JSON.stringify('Procurement schedules and stock policies need a second look. '.repeat(2))}`,
      'key_points_en:',
      '  - "Production moves to new sites within a year"',
      '  - "Lead times grow for older process nodes"',
      '  - "Smaller buyers feel the squeeze first"',
      'key_points_ko:',
      '  - "1년 안에 생산 거점 이전"',
      '  - "구형 공정 납기 증가"',
      '  - "중소 구매자부터 타격"',
    );
  }
  lines.push('---', '', 'Body.', '');
  return lines.join('\n');
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
