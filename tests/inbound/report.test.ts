import { createEditionStore } from '../../src/editions/edition-store.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { CORPUS, corpusMail, verpOf } from '../fixtures/inbound/corpus.ts';
import { EDITION, pipelineFor, seedCorpus } from './inbound-fixture.ts';
import { inboundWorkspace } from './inbound-harness.ts';
import type { InboundWorkspace } from './inbound-harness.ts';

describe.each(DIALECTS)('gazette report on $name', (dialect) => {
  let test: TestDatabase;
  let workspace: InboundWorkspace;
  const report = async (...args: string[]) => {
    let out = '';
    let err = '';
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = workspace.env.DATABASE_URL;
    try {
      const code = await main(['node', 'gazette', '--config', workspace.configFile, 'report', ...args], {
        out: (t) => void (out += t),
        err: (t) => void (err += t),
        isTTY: false,
      });
      return { code, out, err };
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  };

  beforeAll(async () => {
    if (!dialect.available) return;
    test = await dialect.create();
    await seedCorpus(test.database);
    workspace = inboundWorkspace(test);
    const pipeline = pipelineFor(test.database);
    for (const entry of CORPUS) {
      const { id } = await pipeline.receive({
        raw: corpusMail(entry.file),
        source: 'smtp',
        mailFrom: '',
        rcptTo: [verpOf(entry.recipient ?? 'nobody@nowhere.example')],
      });
      await pipeline.process(id);
    }
    // A reader leaves by one-click the morning after the edition.
    const store = createKyselyStore(test.database.db);
    const reader = await store.findByEmail('reader.reply@example.com');
    await store.unsubscribe(reader?.uid ?? '', 'one-click', new Date('2026-12-01T01:00:00Z'));
  }, 60_000);
  afterAll(async () => {
    workspace?.cleanup();
    await test?.cleanup();
  });

  it.skipIf(!dialect.available)('JSON: counts per edition, rates and warnings', async () => {
    const run = await report('--json', '--date', EDITION);
    expect(run.code, run.err).toBe(0);
    const [row] = JSON.parse(run.out) as Record<string, unknown>[];
    expect(row).toMatchObject({
      edition: EDITION,
      listId: 'daily',
      planned: 14,
      sent: 14,
      deferred: 0,
      failed: 0,
      hardBounces: 5,
      softBounces: 2,
      complaints: 2,
      autoReplies: 3,
      unsubscribes: { web: 0, oneClick: 1, mail: 0, other: 0 },
    });
    expect(row?.complaintRate).toBeCloseTo(2 / 14);
    expect(row?.warnings).toHaveLength(2);
  });

  it.skipIf(!dialect.available)(
    'a terminal table with the warning lines; other dates are empty',
    async () => {
      const run = await report('--list', 'daily');
      expect(run.code, run.err).toBe(0);
      expect(run.out).toMatch(/^edition\s+list\s+planned/);
      expect(run.out).toContain('35.71 %');
      expect(run.out).toMatch(/warning: 2026-12-01 daily: complaint rate 14\.29 % reaches 0\.1 %/);
      expect(run.out).toMatch(/warning: 2026-12-01 daily: hard bounces 35\.71 % reach 2 %/);
      expect((await report('--date', '2026-11-30')).out).toBe('gazette report: no editions sent yet\n');
    },
  );

  it.skipIf(!dialect.available)('bad flags are usage errors that name the fix', async () => {
    const list = await report('--list', 'nope');
    expect(list.code).not.toBe(0);
    expect(list.err).toContain('use one of daily');
    const edition = await report('--edition', '12');
    expect(edition.code).toBe(2);
    expect(edition.err).toContain('list "daily" has no such edition');
    // A sent edition is found by its number (the editions store), the same report as by date.
    await createEditionStore(test.database.db).freeze(
      { listId: 'daily', date: EDITION, cadence: 'day' },
      () => ({
        items: [],
        marks: {},
      }),
    );
    const byNumber = await report('--edition', '1', '--json');
    expect(byNumber.code, byNumber.err).toBe(0);
    expect(byNumber.out).toBe((await report('--date', EDITION, '--json')).out);
  });
});
