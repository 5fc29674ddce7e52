import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { testConfigFile, TWO_LISTS } from '../fixtures/test-config.ts';
import type { TestDatabase } from '../helpers/databases.ts';

export const CLI_SECRET = 'cli-test-secret-0123456789abcdefghijkl';

/** The workspace's config: two lists, two categories, the default subjects. */
const CLI_CONFIG = { ...TWO_LISTS, subject: undefined };

/** The workspace's config file as JSON, for a test to change and write back. */
export type CliConfigFile = Record<string, unknown> & { lists: { id: string; locales?: string[] }[] };

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** A temp folder with a config file, and a way to run `gazette …` in-process against a test database. */
export function cliWorkspace(database: TestDatabase, env: Record<string, string | undefined> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-cli-'));
  const configFile = path.join(dir, 'gazette.config.json');
  writeFileSync(configFile, JSON.stringify(testConfigFile(CLI_CONFIG)));
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
    /** Change the config file in place (as an operator edits it between two commands). */
    editConfig(change: (config: CliConfigFile) => void): void {
      const config = JSON.parse(readFileSync(configFile, 'utf8')) as CliConfigFile;
      change(config);
      writeFileSync(configFile, JSON.stringify(config));
    },
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

const BIN = path.resolve(import.meta.dirname, '../../bin/gazette.js');

/** A `gazette` child process; its stdout JSON lines are parsed as they arrive. */
export interface GazetteChild {
  /** Every stdout line that is a JSON object, in order (plain-text lines are left out). */
  readonly records: Record<string, unknown>[];
  readonly stdout: string;
  readonly stderr: string;
  /** How it ended (its exit code, or the signal that stopped it); undefined while it runs. */
  readonly ended: string | undefined;
  /** Resolves once `ready(records)` holds; rejects on exit or timeout, with the output so far. */
  until(ready: (records: Record<string, unknown>[]) => boolean, timeoutMs: number): Promise<void>;
  /** The exit code and signal; rejects when the process is still running after timeoutMs. */
  exited(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send a signal if the process is still running. */
  kill(signal?: NodeJS.Signals): void;
  /** Close the read end of stdout, as `| head` does once it has its lines. */
  closeStdout(): void;
}

/**
 * `node bin/gazette.js …` as a real process, the way an operator or a container runs it.
 * `env` is laid over this process's environment; an undefined value removes the variable.
 */
export function spawnGazette(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined> },
): GazetteChild {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const records: Record<string, unknown>[] = [];
  let stdout = '';
  let stderr = '';
  let pending = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    stdout += text;
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const record = parseRecord(line);
      if (record !== undefined) records.push(record);
    }
    notify();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('exit', (code, signal) => {
    exit = { code, signal };
    notify();
  });
  const output = () => `\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
  const wait = (done: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const finish = (error?: Error) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        if (done()) finish();
        else if (exit !== undefined)
          finish(new Error(`gazette exited (${String(exit.code ?? exit.signal)}) before ${what}${output()}`));
      };
      const timer = setTimeout(
        () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${output()}`)),
        timeoutMs,
      );
      listeners.add(check);
      check();
    });
  return {
    records,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    get ended() {
      return exit === undefined ? undefined : String(exit.code ?? exit.signal);
    },
    until: (ready, timeoutMs) => wait(() => ready(records), timeoutMs, 'the expected log lines'),
    async exited(timeoutMs) {
      await wait(() => exit !== undefined, timeoutMs, 'the exit');
      return exit!;
    },
    kill(signal = 'SIGTERM') {
      if (exit === undefined) child.kill(signal);
    },
    closeStdout() {
      child.stdout.destroy();
    },
  };
}

function parseRecord(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
