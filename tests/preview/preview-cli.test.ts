import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { main } from '../../src/cli/main.ts';
import { testConfigFile } from '../fixtures/test-config.ts';
import { itemSource } from './preview-fixture.ts';

const BIN = fileURLToPath(new URL('../../bin/gazette.js', import.meta.url));

describe('gazette preview (the command)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-preview-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects a bad --port with usage exit code 2', async () => {
    let err = '';
    const code = await main(['node', 'gazette', 'preview', '--port', '70000'], {
      out: () => {},
      err: (text) => {
        err += text;
      },
      isTTY: false,
    });
    expect(code).toBe(2);
    expect(err).toContain('must be a port number from 0 to 65535');
  });

  it('serves the editions from another folder, and stops cleanly on SIGINT', async () => {
    const configFile = testConfigFile();
    writeFileSync(path.join(dir, 'gazette.config.json'), JSON.stringify(configFile));
    mkdirSync(path.join(dir, 'items'));
    writeFileSync(
      path.join(dir, 'items', 'a.md'),
      itemSource({
        id: 'a',
        date: '2026-06-01',
        title: 'Command works',
        titleKo: '명령이 동작합니다',
        summaryKo: '요약.',
        summaryEn: 'Summary.',
        url: 'https://news.example.com/a',
      }),
    );
    const child = spawn(
      process.execPath,
      [BIN, '--config', 'gazette.config.json', 'preview', '--port', '0', '--content', 'items'],
      {
        cwd: dir,
        env: { ...process.env, GAZETTE_PUBLIC_URL: 'https://news.example', SMTP_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 60 s: ${out} ${err}`)), 60_000);
        child.stdout.on('data', () => {
          const match = /Preview at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match?.[1] !== undefined) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect(out).toContain('outbox');
      const index = parseHTML(await (await fetch(url)).text()).document;
      expect(index.querySelector('table.editions a')?.textContent).toBe('2026-06-01');
      const edition = parseHTML(await (await fetch(`${url}/edition/2026-06-01`)).text()).document;
      const en = edition.querySelector('[data-variant="daily.en"]');
      expect(en?.querySelector('.inbox .subject')?.textContent).toContain(configFile.name.en);
      // An https public URL and an https item: the link check has nothing to say.
      expect(en?.querySelectorAll('.preflight li[data-check="link"]')).toHaveLength(0);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
