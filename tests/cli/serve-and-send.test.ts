import { request } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { createSendFixture, DATE, SECRET, subscriber } from '../send/send-fixture.ts';
import type { SendFixture } from '../send/send-fixture.ts';
import { spawnGazette } from './cli-harness.ts';
import type { GazetteChild } from './cli-harness.ts';

const CLIENTS = 20;
const DURATION_MS = 15_000;
/** Readers each client unsubscribes (one-click) while the send runs; the send mails the same readers. */
const READERS_PER_CLIENT = 60;
/** The form allows 10 posts per client address a minute: stay under it. */
const SUBSCRIBES_PER_CLIENT = 8;

interface Answer {
  status: number;
  body: string;
}

/**
 * One HTTP POST from a client address of its own (127.0.0.0/8 is all loopback on Linux), so
 * that each simulated reader has its own rate-limit allowance, as real readers would.
 */
function post(
  base: URL,
  pathname: string,
  form: Record<string, string>,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path: pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(DIALECTS)('serve and send at once on $name', (dialect) => {
  let sink: SmtpSink;
  let test: TestDatabase;
  let fixture: SendFixture;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  describe.skipIf(!dialect.available)('', () => {
    it(`${CLIENTS} readers subscribing and unsubscribing for ${DURATION_MS / 1000} s during a send: no errors`, async () => {
      test = await dialect.create();
      // A send slow enough to run through the whole test: 1,200 readers at 40 a second.
      fixture = createSendFixture({ databaseUrl: test.url }, { concurrency: 4, ratePerSecond: 40, pool: 2 });
      const store = createKyselyStore(test.database.db);
      const emails = Array.from({ length: CLIENTS * READERS_PER_CLIENT }, (_, i) => `reader${i}@example.com`);
      await store.importBatch(emails.map((email) => subscriber(email, 'en')));
      const tokens = new Map<string, string>();
      for (const email of emails) tokens.set(email, manageToken(SECRET, (await store.findByEmail(email))!));
      const databaseUrl = test.schema
        ? `${test.url}?options=${encodeURIComponent(`-c search_path=${test.schema}`)}`
        : test.url;
      const env = {
        DATABASE_URL: databaseUrl,
        GAZETTE_SECRET: SECRET,
        GAZETTE_PUBLIC_URL: 'https://news.example',
        SMTP_URL: undefined,
      };
      const configArgs = ['--config', path.join(fixture.dir, 'gazette.config.json')];
      const children: GazetteChild[] = [];
      try {
        const serve = spawnGazette([...configArgs, 'serve', '--port', '0'], { cwd: fixture.dir, env });
        children.push(serve);
        await expect.poll(() => serve.stdout, { timeout: 60_000, interval: 50 }).toMatch(/listening on http/);
        const base = new URL(/listening on (http:\/\/\S+)/.exec(serve.stdout)![1]!);
        const send = spawnGazette([...configArgs, 'send', '--date', DATE], {
          cwd: fixture.dir,
          env: { ...env, SMTP_URL: sink.url },
        });
        children.push(send);
        await send.until((records) => records.some((r) => r.type === 'plan'), 60_000);
        await expect.poll(() => sink.received.length, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);

        const errors: string[] = [];
        const counts = { subscribe: 0, unsubscribe: 0 };
        // Who left by one-click and who asked back in after: the store must agree at the end.
        const left = new Set<string>();
        const back = new Set<string>();
        const check = (what: string, answer: Answer) => {
          if (answer.status !== 200) errors.push(`${what}: HTTP ${answer.status}`);
        };
        const started = Date.now();
        // How far the send had got at the start and halfway: it must be writing its ledger across
        // the whole window (how much it sends in 15 s depends on the machine, not on the code).
        const atStart = sink.received.length;
        let atHalf = atStart;
        const half = setTimeout(() => (atHalf = sink.received.length), DURATION_MS / 2);
        const client = async (index: number) => {
          const address = `127.0.0.${10 + index}`;
          const mine = emails.slice(index * READERS_PER_CLIENT, (index + 1) * READERS_PER_CLIENT);
          let subscribes = 0;
          let nextSubscribe = started;
          for (let i = 0; Date.now() - started < DURATION_MS; i++) {
            const email = mine[i % mine.length]!;
            // One-click unsubscribe (RFC 8058): a transaction that reads the reader, then writes.
            check(
              `unsubscribe ${email}`,
              await post(
                base,
                `/unsubscribe/${tokens.get(email)}`,
                { 'List-Unsubscribe': 'One-Click' },
                address,
              ),
            );
            counts.unsubscribe++;
            left.add(email);
            back.delete(email);
            if (subscribes < SUBSCRIBES_PER_CLIENT && Date.now() >= nextSubscribe) {
              // A new address, and one that just left asking back in: both read, then write.
              const fresh = `new${index}-${subscribes}@example.com`;
              for (const typed of [fresh, email]) {
                check(
                  `subscribe ${typed}`,
                  await post(
                    base,
                    '/subscribe',
                    { email: typed, locale: 'en', lists: 'daily', consent: 'on' },
                    address,
                    { origin: 'https://news.example' },
                  ),
                );
                counts.subscribe++;
                if (typed === email) back.add(email);
              }
              subscribes += 2;
              nextSubscribe = started + (subscribes / 2) * (DURATION_MS / ((SUBSCRIBES_PER_CLIENT + 1) / 2));
            }
            await sleep(150);
          }
        };
        await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
        clearTimeout(half);
        const sentDuring = sink.received.length;
        send.kill('SIGTERM');
        const sendExit = await send.exited(60_000);

        expect(errors, errors.slice(0, 5).join('\n')).toEqual([]);
        expect(counts.unsubscribe).toBeGreaterThan(CLIENTS * 5);
        expect(counts.subscribe).toBeGreaterThan(CLIENTS * 2);
        // The send was busy writing its ledger the whole time, and stopped cleanly on SIGTERM.
        expect(atHalf).toBeGreaterThan(atStart);
        expect(sentDuring).toBeGreaterThan(atHalf);
        expect(send.records.filter((r) => r.type === 'fatal')).toEqual([]);
        // Stopped by SIGTERM (2), or done (0) when the readers' unsubscribes emptied the list first.
        expect([0, 2], send.stderr).toContain(sendExit.code);
        expect(send.stderr).not.toMatch(/locked|busy/i);
        expect(serve.stderr).not.toMatch(/failed|locked|busy/i);
        // Every one-click unsubscribe that was answered 200 is in the store, less those who
        // subscribed again after it (pending once more).
        // (A sign-up is written just after its answer: allow it a moment to land.)
        const expected = [...left].filter((email) => !back.has(email)).length;
        expect(expected).toBeGreaterThan(0);
        await expect
          .poll(() => store.count('unsubscribed'), { timeout: 10_000, interval: 100 })
          .toBe(expected);
      } finally {
        for (const child of children) child.kill('SIGTERM');
        await Promise.all(children.map((child) => child.exited(30_000).catch(() => undefined)));
        await test.cleanup();
        fixture.cleanup();
      }
    }, 180_000);
  });
});
