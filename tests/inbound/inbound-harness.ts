import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { spawnGazette } from '../cli/cli-harness.ts';
import type { GazetteChild } from '../cli/cli-harness.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { VERP_DOMAIN } from '../fixtures/inbound/corpus.ts';
import { testConfigFile } from '../fixtures/test-config.ts';

export interface InboundWorkspace {
  dir: string;
  configFile: string;
  env: Record<string, string>;
  cleanup(): void;
}

/** A temp folder with the corpus world's config, and the environment a child needs for the test database. */
export function inboundWorkspace(
  test: TestDatabase,
  inbound: Record<string, unknown> = {},
): InboundWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-inbound-'));
  const configFile = path.join(dir, 'gazette.config.json');
  writeFileSync(
    configFile,
    JSON.stringify(
      testConfigFile({
        from: { name: 'Gazette Daily', email: 'digest@news.example' },
        send: { verpDomain: VERP_DOMAIN },
        inbound: { domain: VERP_DOMAIN, ...inbound },
      }),
    ),
  );
  const databaseUrl =
    test.schema === undefined
      ? test.url
      : `${test.url}?options=${encodeURIComponent(`-c search_path=${test.schema}`)}`;
  return {
    dir,
    configFile,
    env: { DATABASE_URL: databaseUrl, GAZETTE_SECRET: 'inbound-tests-secret-0123456789abcdefgh' },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RunningInbound {
  child: GazetteChild;
  port: number;
  stop(): Promise<void>;
}

/** `gazette inbound --port 0` as a real process; resolves once it listens. */
export async function startInbound(
  workspace: InboundWorkspace,
  extra: string[] = [],
): Promise<RunningInbound> {
  const child = spawnGazette(['--config', workspace.configFile, 'inbound', '--port', '0', ...extra], {
    cwd: workspace.dir,
    env: workspace.env,
  });
  const port = await waitFor(
    () => /listening on smtp:\/\/[^:]+:(\d+)/.exec(child.stdout)?.[1],
    30_000,
    () => child.stdout + child.stderr,
  );
  return {
    child,
    port: Number(port),
    async stop() {
      child.kill('SIGTERM');
      await child.exited(15_000);
    },
  };
}

/** Poll until `probe` returns a value (bounded). */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  describe?: () => string,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until)
      throw new Error(`timed out after ${timeoutMs} ms${describe ? `: ${describe()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Deliver raw mail over SMTP the way a remote server would (null sender for bounces). */
export async function deliver(port: number, raw: Buffer, to: string[], from = ''): Promise<string> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope: { from, to }, raw });
    return info.response;
  } finally {
    transport.close();
  }
}
