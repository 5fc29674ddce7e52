import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { cliWorkspace } from './cli-harness.ts';

describe('gazette serve', () => {
  let database: TestDatabase;
  let cli: ReturnType<typeof cliWorkspace>;
  beforeAll(async () => {
    database = await DIALECTS[0]!.create();
    cli = cliWorkspace(database);
  });
  afterAll(async () => {
    cli.cleanup();
    await database.cleanup();
  });

  it('refuses to start without a secret of 32+ characters', async () => {
    const missing = await cli.run(['serve', '--port', '0'], { GAZETTE_SECRET: undefined });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/GAZETTE_SECRET must be set to at least 32 characters.*serve --dev/);
    const short = await cli.run(['serve', '--port', '0'], { GAZETTE_SECRET: 'too-short' });
    expect(short.code).toBe(1);
    expect((await cli.run(['serve', '--port', 'http'])).code).toBe(2);
  });

  it('refuses to mail over SMTP with links to localhost or plain http (confirmations carry them)', async () => {
    for (const publicUrl of [undefined, 'http://localhost:8080', 'http://news.example']) {
      const refused = await cli.run(['serve', '--port', '0'], {
        SMTP_URL: 'smtp://127.0.0.1:2',
        GAZETTE_PUBLIC_URL: publicUrl,
      });
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/^gazette: GAZETTE_PUBLIC_URL .* SMTP_URL is set/);
    }
  });

  it('starts with --dev (generating a secret and saying so), serves the form, stops on SIGTERM', async () => {
    const bin = path.resolve('bin/gazette.js');
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: database.url };
    delete env.GAZETTE_SECRET;
    delete env.SMTP_URL;
    delete env.GAZETTE_PUBLIC_URL;
    const child = spawn(
      process.execPath,
      [bin, '--config', cli.file('gazette.config.json'), 'serve', '--dev', '--port', '0'],
      {
        env,
        cwd: cli.dir,
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect
        .poll(() => out, { timeout: 80_000, interval: 100 })
        .toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(err).toMatch(/generated a throwaway GAZETTE_SECRET/);
      const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const response = await fetch(`${base}/subscribe`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      // Mail links name the port actually listened on (no GAZETTE_PUBLIC_URL with --dev).
      expect(out).toContain(`links use ${base}`);
      const posted = await fetch(`${base}/subscribe`, {
        method: 'POST',
        headers: { origin: base ?? '' },
        body: new URLSearchParams({ email: 'port-reader@example.com', lists: 'daily', website: '' }),
      });
      expect(posted.status).toBe(200);
      const outbox = cli.file('outbox/transactional');
      await expect
        .poll(() => (existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')) : []), {
          timeout: 20_000,
        })
        .toHaveLength(1);
      const eml = await simpleParser(
        readFileSync(path.join(outbox, readdirSync(outbox).find((f) => f.endsWith('.eml')) ?? '')),
      );
      const link = (eml.text ?? '').match(/http:\/\/[^\s]+\/confirm\/[A-Za-z0-9_.-]+/)?.[0];
      expect(link?.startsWith(`${base}/confirm/`)).toBe(true);
      expect(link).toBeDefined();
      expect((await fetch(link ?? '')).status).toBe(200);
      // One access line per request: method, route pattern, status, ms; no token, no address.
      await expect.poll(() => out).toMatch(/^GET \/confirm\/:token 200 \d+\.\dms$/m);
      expect(out).toMatch(/^GET \/subscribe 200 \d+\.\dms$/m);
      expect(out).toMatch(/^POST \/subscribe 200 \d+\.\dms$/m);
      expect(out).not.toContain('port-reader');
      expect(out).not.toContain(new URL(link ?? base ?? '').pathname.split('/')[2] ?? 'no token');
      // As a browser leaves them: a preconnected socket that never sent a request, and a
      // keep-alive one after its response. Neither may hold the shutdown open.
      const { port } = new URL(base ?? '');
      const sockets = [connect(Number(port), '127.0.0.1'), connect(Number(port), '127.0.0.1')];
      for (const socket of sockets) socket.on('error', () => {});
      await new Promise((resolve) => sockets[1]!.once('connect', resolve));
      sockets[1]!.write(`GET /subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
      await new Promise((resolve) => sockets[1]!.once('data', resolve));
    } finally {
      child.kill('SIGTERM');
    }
    const stopped = await Promise.race([
      exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('still running after 30 s'), 30_000)),
    ]);
    if (stopped !== 0) child.kill('SIGKILL');
    expect(stopped).toBe(0);
    expect(out).toMatch(/SIGTERM, closing/);
    // Starting the CLI compiles TypeScript on the fly: slow on a busy machine.
  }, 120_000);
});
