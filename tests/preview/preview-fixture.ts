import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { startPreviewServer } from '../../src/preview/start-preview-server.ts';
import type { PreviewServer } from '../../src/preview/start-preview-server.ts';
import { testConfigFile } from '../fixtures/test-config.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';

const RENDER_DIGEST = fileURLToPath(new URL('../../src/render/render-digest.ts', import.meta.url));

export interface ItemFields {
  id: string;
  date: string;
  title: string;
  titleKo?: string;
  summaryKo?: string;
  summaryEn?: string;
  categories?: string[];
  confidence?: number;
  url?: string;
}

export interface PreviewFixture {
  dir: string;
  contentDir: string;
  server: PreviewServer;
  sink: SmtpSink;
  writeItem(file: string, fields: ItemFields): void;
  writeFile(file: string, text: string): void;
  /** Replace the renderer module the preview imports (a stand-in for editing a template). */
  writeRenderer(source?: string): void;
  close(): Promise<void>;
}

/** The module the preview renders with: the real renderer, re-exported from a file the test may edit. */
export const REAL_RENDERER = `export { renderDigest } from ${JSON.stringify(RENDER_DIGEST)};\n`;

/**
 * A temp newsletter (config JSON, content folder, a renderer module in a watched "templates"
 * folder) and a real preview server on port 0 whose test sends go to a real SMTP sink.
 */
export async function createPreviewFixture(
  items: Record<string, ItemFields>,
  options: { stallMs?: number } = {},
): Promise<PreviewFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-preview-'));
  const contentDir = path.join(dir, 'content');
  const templatesDir = path.join(dir, 'templates');
  mkdirSync(contentDir);
  mkdirSync(templatesDir);
  // Like a newsletter's own folder: ESM, so tsx loads the renderer module as a module.
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const configPath = path.join(dir, 'gazette.config.json');
  writeFileSync(
    configPath,
    JSON.stringify(
      testConfigFile({
        name: { ko: '테스트 데일리', en: 'Test Daily' },
        from: { name: 'Test Daily', email: 'digest@test.example' },
        replyTo: undefined,
        subject: undefined,
        categories: testConfigFile().categories.slice(0, 3),
        lists: [
          { id: 'daily', name: { ko: '데일리', en: 'Daily' } },
          { id: 'techonly', name: { ko: '기술', en: 'Tech only' }, categories: ['tech'], locales: ['en'] },
        ],
      }),
    ),
  );
  const writeFile = (file: string, text: string) => {
    const target = path.join(contentDir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  };
  const writeItem = (file: string, fields: ItemFields) => writeFile(file, itemSource(fields));
  const writeRenderer = (source = REAL_RENDERER) =>
    writeFileSync(path.join(templatesDir, 'renderer.ts'), source);
  for (const [file, fields] of Object.entries(items)) writeItem(file, fields);
  writeRenderer();

  const sink = await startSmtpSink();
  const mailer: Mailer = createSmtpMailer({ url: sink.url, pool: 1 });
  const server = await startPreviewServer({
    configPath,
    contentDir,
    mailer,
    port: 0,
    templateDirs: [templatesDir],
    rendererModule: path.join(templatesDir, 'renderer.ts'),
    renderStallMs: options.stallMs,
  });
  return {
    dir,
    contentDir,
    server,
    sink,
    writeItem,
    writeFile,
    writeRenderer,
    async close() {
      await server.close();
      await mailer.close();
      await sink.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function itemSource(fields: ItemFields): string {
  const optional: [string, unknown][] = [
    ['title_ko', fields.titleKo],
    ['summary_ko', fields.summaryKo],
    ['summary_en', fields.summaryEn],
    ['canonical_url', fields.url],
    ['confidence', fields.confidence],
  ];
  return [
    '---',
    `id: ${JSON.stringify(fields.id)}`,
    `date_published: ${JSON.stringify(fields.date)}`,
    `title: ${JSON.stringify(fields.title)}`,
    `categories: ${JSON.stringify(fields.categories ?? [])}`,
    ...optional
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`),
    '---',
    '',
    'Body.',
    '',
  ].join('\n');
}

/** Read server-sent events from the preview until one named `name` arrives (bounded by timeoutMs). */
export async function openEvents(baseUrl: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/events`, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    response,
    async next(name: string, timeoutMs = 20_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = new RegExp(`event: ${name}\\ndata: ([^\\n]*)\\n\\n`).exec(buffer);
        if (match) {
          buffer = buffer.slice((match.index ?? 0) + match[0].length);
          return match[1] ?? '';
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no "${name}" event within ${timeoutMs} ms; got: ${buffer}`);
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no "${name}" event within ${timeoutMs} ms; got: ${buffer}`)),
              left,
            );
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error(`event stream ended before "${name}"`);
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close() {
      controller.abort();
    },
  };
}
