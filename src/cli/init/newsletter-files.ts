export interface NewsletterFilesOptions {
  /** The folder's name, used as the package name and in the sample config. */
  slug: string;
  /** Today in Asia/Seoul (YYYY-MM-DD): the samples are today's edition, so `send` finds them. */
  today: string;
  /** How to reach this checkout's CLI from the new folder, for the README. */
  gazettePath: string;
}

/** The files `gazette init` writes, by path relative to the new folder. */
export function newsletterFiles({
  slug,
  today,
  gazettePath,
}: NewsletterFilesOptions): Record<string, string> {
  const compact = today.replaceAll('-', '');
  return {
    'gazette.config.ts': config(),
    'package.json': `${JSON.stringify(
      {
        name: slug,
        private: true,
        type: 'module',
        scripts: {
          check: 'gazette check',
          build: `gazette build --date ${today}`,
          preview: 'gazette preview',
          send: 'gazette send',
          serve: 'gazette serve --dev',
        },
      },
      null,
      2,
    )}\n`,
    // For the editor's type checks of gazette.config.ts: the package's types are its TypeScript
    // sources, whose imports end in .ts.
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          allowImportingTsExtensions: true,
        },
        include: ['gazette.config.ts'],
      },
      null,
      2,
    )}\n`,
    '.gitignore': ['node_modules/', 'dist/', 'outbox/', 'data/', '.env', '*.log', ''].join('\n'),
    [`content/${today}/001_first.md`]: item({
      id: `daily_${compact}_001`,
      today,
      category: 'tech',
      titleKo: '첫 번째 기사: 이 파일을 고쳐 보세요',
      titleEn: 'Your first item: edit this file',
      summaryKo:
        '콘텐츠 폴더의 파일 하나가 뉴스레터의 기사 하나입니다. 제목과 요약을 바꾸고 gazette check 를 실행해 보세요.',
      summaryEn:
        'Each file in the content folder is one item of the newsletter. Change the title and summary, then run gazette check.',
    }),
    [`content/${today}/002_second.md`]: item({
      id: `daily_${compact}_002`,
      today,
      category: 'business',
      titleKo: '두 번째 기사: 한 언어만 있어도 됩니다',
      titleEn: undefined,
      summaryKo: '요약이 한 언어뿐이면 다른 언어의 이메일에는 그 언어로 표시됩니다.',
      summaryEn: undefined,
    }),
    'README.md': readme(slug, today, gazettePath),
  };
}

function config(): string {
  return `// The newsletter's settings. Every key is checked when a command starts; a mistake is one
// line naming the key. Secrets and addresses of servers are not written here but come from the
// environment: GAZETTE_SECRET, GAZETTE_PUBLIC_URL, DATABASE_URL, SMTP_URL (see README.md).
import { defineConfig } from 'gazette';

export default defineConfig({
  // The name in subjects, headers and pages, in both languages.
  name: { ko: '우리 뉴스레터', en: 'Our Newsletter' },
  // Who the mail is from: use an address of a domain you control (SPF, DKIM).
  from: { name: 'Our Newsletter', email: 'news@example.com' },
  // Required by law in commercial mail (CAN-SPAM, 정보통신망법): a real postal address.
  postalAddress: '12 Sejong-daero, Jung-gu, Seoul 04519, Republic of Korea',
  // Dates, "today" and the schedule are in this time zone.
  timeZone: 'Asia/Seoul',
  // Sections of the email, in this order; an item's first category places it.
  categories: [
    { id: 'tech', label: { ko: '기술', en: 'Technology' } },
    { id: 'business', label: { ko: '비즈니스', en: 'Business' } },
  ],
  // What readers subscribe to. locales: the editions a reader of the list may choose
  // ('ko', 'en', 'bilingual'); subscriptions in another locale are refused.
  lists: [
    {
      id: 'daily',
      name: { ko: '데일리 브리핑', en: 'Daily Briefing' },
      description: { ko: '매일 아침 주요 뉴스', en: 'The news that matters, every morning' },
      locales: ['ko', 'en', 'bilingual'],
    },
  ],
  // Subject lines: {name}, {date}, {count} and {items} are filled in.
  subject: {
    ko: '{name} · {date} · 오늘의 {items}',
    en: '{name} · {date} · {items}',
    bilingual: '{name} · {date} · {items}',
  },
  // Where 'send' and 'schedule' find this cron expression (in timeZone): 07:00 every day.
  schedule: '0 7 * * *',
});
`;
}

interface ItemText {
  id: string;
  today: string;
  category: string;
  titleKo: string;
  titleEn: string | undefined;
  summaryKo: string;
  summaryEn: string | undefined;
}

function item(text: ItemText): string {
  const lines = [
    '---',
    `id: ${JSON.stringify(text.id)}`,
    `date_published: ${JSON.stringify(text.today)}`,
    `title: ${JSON.stringify(text.titleKo)}`,
    ...(text.titleEn === undefined ? [] : [`title_en: ${JSON.stringify(text.titleEn)}`]),
    `categories: [${JSON.stringify(text.category)}]`,
    `summary_ko: ${JSON.stringify(text.summaryKo)}`,
    ...(text.summaryEn === undefined ? [] : [`summary_en: ${JSON.stringify(text.summaryEn)}`]),
    'canonical_url: "https://example.com/"',
    '---',
    '',
  ];
  return lines.join('\n');
}

function readme(slug: string, today: string, gazettePath: string): string {
  return `# ${slug}

A newsletter made with Gazette. The content is in \`content/\` (one Markdown file per item, see
the Gazette repository's \`content/README.md\` for the fields), the settings in
\`gazette.config.ts\`.

## Once: make the \`gazette\` command available here

\`\`\`sh
npm install ${gazettePath}   # links this folder to your Gazette checkout (node_modules/gazette)
\`\`\`

Then \`npx gazette …\` (or \`npm run check\`, \`npm run send\` …) runs that checkout's CLI, and
\`import { defineConfig } from 'gazette'\` in \`gazette.config.ts\` resolves for your editor too.
(\`npm link\` in the checkout, then \`npm link gazette\` here, does the same.)

With no install at all, run the checkout's CLI by its path from this folder:
\`node ${gazettePath}/bin/gazette.js check\`. It reads \`gazette.config.ts\` the same way (the
\`'gazette'\` import is the CLI's own package).

## Next commands

\`\`\`sh
npx gazette check                       # every problem in content/, one line each
npx gazette build --date ${today}          # the emails, as files under dist/
npx gazette preview                     # the editors' preview in a browser (Send test included)
npx gazette subscribers import list.csv --dry-run   # see how your list would be read
npx gazette subscribers import list.csv --confirmed # import it (consent given elsewhere)
npx gazette send --dry-run              # who would get what, sends nothing
npx gazette send                        # today's edition: .eml files in outbox/ until SMTP_URL is set
npx gazette serve --dev                 # the subscribe, confirm and unsubscribe pages
\`\`\`

## Before the first real send

Set these in the environment (not in the config):

- \`GAZETTE_SECRET\`: signs every link in the mail, 32+ characters (\`openssl rand -base64 48\`);
  keep it: changing it breaks the links already sent.
- \`GAZETTE_PUBLIC_URL\`: the https address where \`gazette serve\` is reachable.
- \`DATABASE_URL\`: \`sqlite:./data/gazette.db\` (the default) or \`postgres://USER:PASSWORD@HOST/DB\`.
- \`SMTP_URL\`: \`smtps://USER:PASSWORD@smtp.example.com\`; unset, mail is written to \`outbox/\`.
`;
}
