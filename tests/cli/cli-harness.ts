import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { TestDatabase } from '../helpers/databases.ts';

export const CLI_SECRET = 'cli-test-secret-0123456789abcdefghijkl';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A temp folder with a config file, and a way to run `gazette …` in-process against a test database. */
export function cliWorkspace(database: TestDatabase, env: Record<string, string | undefined> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-cli-'));
  const configFile = path.join(dir, 'gazette.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      name: { ko: '가제트 데일리', en: 'Gazette Daily' },
      from: { name: 'Gazette Daily', email: 'digest@gazette.example' },
      postalAddress: '12 Sejong-daero, Seoul',
      categories: [
        { id: 'tech', label: { ko: '기술', en: 'Technology' } },
        { id: 'policy', label: { ko: '정책', en: 'Policy' } },
      ],
      lists: [
        { id: 'daily', name: { ko: '데일리', en: 'Daily' } },
        { id: 'weekly', name: { ko: '위클리', en: 'Weekly' } },
      ],
    }),
  );
  // A child connection reaches the test's PostgreSQL schema through the URL's `options`.
  const databaseUrl =
    database.schema === undefined
      ? database.url
      : `${database.url}?options=${encodeURIComponent(`-c search_path=${database.schema}`)}`;
  const baseEnv: Record<string, string | undefined> = {
    DATABASE_URL: databaseUrl,
    GAZETTE_SECRET: CLI_SECRET,
    GAZETTE_PUBLIC_URL: 'https://news.example',
    SMTP_URL: undefined,
    ...env,
  };
  return {
    dir,
    file: (name: string) => path.join(dir, name),
    async run(args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<CliRun> {
      const vars = { ...baseEnv, ...extraEnv };
      const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
      for (const [k, v] of Object.entries(vars)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      let out = '';
      let err = '';
      try {
        const code = await main(['node', 'gazette', '--config', configFile, ...args], {
          out: (t) => void (out += t),
          err: (t) => void (err += t),
          isTTY: false,
        });
        return { code, out, err };
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
