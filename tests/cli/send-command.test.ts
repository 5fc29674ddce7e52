import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Output } from '../../src/cli/output.ts';
import { runSendJob } from '../../src/cli/send-job.ts';
import { createSendReporter } from '../../src/cli/send-reporter.ts';
import type { PlanResult } from '../../src/send/plan-send.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { createSendFixture, DATE, SECRET, subscriber } from '../send/send-fixture.ts';
import type { SendFixture } from '../send/send-fixture.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;

function capture(): Output & { stdout: string; stderr: string } {
  const output = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out: (text: string) => void (output.stdout += text),
    err: (text: string) => void (output.stderr += text),
  };
  return output;
}

describe('gazette send (in process)', () => {
  let test: TestDatabase;
  let fixture: SendFixture;
  const saved = { ...process.env };
  beforeEach(async () => {
    test = await sqlite.create();
    fixture = createSendFixture({ databaseUrl: test.url });
    await createKyselyStore(test.database.db).importBatch([
      subscriber('ko@example.com', 'ko', ['tech']),
      subscriber('en@example.com', 'en'),
      subscriber('en2@example.com', 'en'),
    ]);
    process.env.DATABASE_URL = test.url;
    process.env.GAZETTE_SECRET = SECRET;
    process.env.GAZETTE_PUBLIC_URL = 'https://news.example';
    delete process.env.SMTP_URL;
  });
  afterEach(async () => {
    process.env = { ...saved };
    await test.cleanup();
    fixture.cleanup();
  });
  const run = (...args: string[]) => {
    const output = capture();
    const config = path.join(fixture.dir, 'gazette.config.json');
    return main(['node', 'gazette', '--config', config, 'send', '--date', DATE, ...args], output).then(
      (code) => ({ code, ...output }),
    );
  };

  it('--dry-run prints each segment with recipients and size, and sends and records nothing', async () => {
    const result = await run('--dry-run');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout.split('\n').find((l) => l.includes('"type":"plan"')) ?? '{}');
    expect(plan.segments).toEqual([
      expect.objectContaining({ key: 'en:', recipients: 2, items: 3 }),
      expect.objectContaining({ key: 'ko:tech', recipients: 1, items: 1 }),
    ]);
    expect(plan.segments[0].htmlBytes).toBeGreaterThan(1000);
    const rows = await test.database.db.selectFrom('deliveries').select('id').execute();
    expect(rows).toHaveLength(0);
  });

  it('exits 1 and says what to do when the SMTP server cannot be reached', async () => {
    process.env.SMTP_URL = 'smtp://127.0.0.1:1';
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SMTP_URL/);
  });

  it('exits 1 without GAZETTE_SECRET, naming it', async () => {
    delete process.env.GAZETTE_SECRET;
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/GAZETTE_SECRET/);
  });

  it('writes .eml files to the outbox when SMTP_URL is unset, and a re-run sends nothing new', async () => {
    const first = await run();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/SMTP_URL is unset/);
    const summary = JSON.parse(first.stdout.split('\n').find((l) => l.includes('"type":"summary"')) ?? '{}');
    expect(summary).toMatchObject({ sent: 3, failed: 0, deferred: 0 });
    const again = await run();
    const second = JSON.parse(again.stdout.split('\n').find((l) => l.includes('"type":"summary"')) ?? '{}');
    expect(second).toMatchObject({ sent: 0 });
  });

  it('exits 2 and says when the lease ends while another worker holds rows of the edition', async () => {
    const reader = (await createKyselyStore(test.database.db).findByEmail('en@example.com'))!;
    const ledger = createLedger(test.database);
    const row = { edition: DATE, list_id: 'daily', name: null, locale: 'en', segment: 'en:' };
    await ledger.plan([
      { ...row, subscriber_id: String(reader.id), subscriber_ref: reader.uid, email: reader.email },
    ]);
    // A worker on another machine claimed it and died; its lease runs ten more minutes.
    const claim = { runId: 'r', limit: 1, leaseMs: 10 * 60_000, maxAttempts: 3 };
    await ledger.claim({ edition: DATE, listId: 'daily' }, { ...claim, owner: 'elsewhere:1:r' });
    const result = await run();
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/1 message is claimed by another send until \d{4}-\d\d-\d\dT/);
    expect(result.stderr).toMatch(/run the same command again after then/);
    const summary = JSON.parse(result.stdout.split('\n').find((l) => l.includes('"type":"summary"')) ?? '{}');
    expect(summary).toMatchObject({ sent: 2, claimed: 1, pending: 0 });
  });

  it('exits 1 with the error, marking no one failed, when every message would fail alike', async () => {
    fixture.config.from.name = 'Gazette\u2028Daily';
    const output = capture();
    const code = await runSendJob(fixture.config, { date: DATE, json: true }, output);
    expect(code, output.stderr).toBe(1);
    expect(output.stderr).toMatch(
      /The send stopped \(HEADER_INJECTION\): from name contains .*header\. No recipient was marked failed/,
    );
    const counts = await createLedger(test.database).counts({ edition: DATE, listId: 'daily' });
    expect(counts).toMatchObject({ pending: 3, failed: 0, sent: 0 });
  });

  it('exits 2 when stopped before planning: nothing was sent, so it is not done', async () => {
    const output = capture();
    const code = await runSendJob(
      fixture.config,
      { date: DATE, json: true, signal: AbortSignal.abort() },
      output,
    );
    expect(code, output.stderr).toBe(2);
    expect(output.stderr).toMatch(/Stopped before planning daily: .*run the same command again/);
  });
});

describe('send reporter', () => {
  afterEach(() => vi.useRealTimers());

  it('names recipients by subscriber id only, and masks the address in the server reply', () => {
    const list = { id: 'daily', name: { ko: 'd', en: 'd' }, locales: [], categories: [] };
    const events = [
      {
        type: 'failed',
        subscriberId: '42',
        email: 'Kim.Minji@example.com',
        code: 'SMTP_PERMANENT',
        response: '550 5.1.1 <kim.minji@example.com>: no such user',
        bounced: true,
      },
      { type: 'skipped', subscriberId: '43', email: 'lee@example.com', reason: 'no longer subscribed' },
      { type: 'lost', subscriberId: '44', email: 'park@example.com', outcome: 'sent' },
    ] as const;
    for (const json of [true, false]) {
      const output = capture();
      const reporter = createSendReporter(output, { json });
      for (const event of events) reporter.event(list, event);
      const logged = output.stdout + output.stderr;
      expect(logged).not.toMatch(/kim\.minji|lee@|park@/i);
      expect(logged).toContain('42');
      expect(logged).toContain('(recipient)');
      if (json) {
        const records = output.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        const about = records.filter((record) => record.type !== 'progress');
        expect(about.map((record) => record.subscriberId)).toEqual(['42', '43', '44']);
        expect(about.every((record) => !('email' in record))).toBe(true);
      }
    }
  });

  it('measures rate and ETA over the whole send, not from the latest list', () => {
    vi.useFakeTimers({ toFake: ['performance', 'Date'] });
    const output = capture();
    const reporter = createSendReporter(output, { json: true });
    const plan: PlanResult = { segments: [], recipients: 10, added: 10, emptySegment: 0, noAdConsent: 0 };
    const list = (id: string) => ({ id, name: { ko: id, en: id }, locales: [], categories: [] });
    const sent = {
      type: 'sent',
      subscriberId: '1',
      email: 'a@example.com',
      messageId: '<m>',
      response: '250',
    } as const;
    reporter.planned(list('daily'), plan, 10, false);
    vi.advanceTimersByTime(10_000);
    for (let i = 0; i < 10; i++) reporter.event(list('daily'), sent);
    reporter.planned(list('weekly'), plan, 10, false);
    vi.advanceTimersByTime(6_000);
    reporter.event(list('weekly'), sent);
    const progress = output.stdout
      .split('\n')
      .filter((line) => line.includes('"type":"progress"'))
      .map((line) => JSON.parse(line) as { done: number; total: number; rate: number });
    // 11 messages in 16 s (the old reporter restarted its clock at the second list: 11 in 6 s).
    expect(progress.at(-1)).toEqual({
      type: 'progress',
      time: expect.any(String),
      done: 11,
      total: 20,
      rate: 0.7,
    });
  });
});
