// Inbound: messages processed per second by the pipeline `gazette inbound` runs for each received
// message (store the raw bytes, parse with mailparser, classify, tie to the ledger row, apply),
// one at a time as the receiver's queue does, on SQLite in a temp folder (and PostgreSQL when
// INBOUND_BENCH_POSTGRES_URL is set). A mix of the corpus's shapes: Postfix DSNs (hard), Gmail
// DSNs (soft), Yahoo ARF complaints, Korean out-of-office replies, each for its own reader.
// Usage: npm run bench -- inbound   (INBOUND_BENCH_MESSAGES to resize)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase } from '../../src/db/create-database.ts';
import type { Database } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { deliveryMessageId } from '../../src/send/delivery-message-id.ts';
import { createLedger } from '../../src/send/ledger.ts';
import { corpusMail, verpOf } from '../../tests/fixtures/inbound/corpus.ts';
import { EDITION, pipelineFor } from '../../tests/inbound/inbound-fixture.ts';
import { printTable } from './measure.ts';

const MESSAGES = Number(process.env.INBOUND_BENCH_MESSAGES ?? 2000);
const TEMPLATES = [
  {
    file: 'postfix-hard.eml',
    email: 'kim.minji@example.net',
    id: '<2026-12-01.daily.0a1b2c3d4e5f60718293a4b5@news.example>',
  },
  {
    file: 'gmail-mailbox-full.eml',
    email: 'jung@gmail.example',
    id: '<2026-12-01.daily.4e5f60718293a4b5c6d7e8f9@news.example>',
  },
  {
    file: 'yahoo-arf.eml',
    email: 'kang@yahoo.example',
    id: '<2026-12-01.daily.5f60718293a4b5c6d7e8f901@news.example>',
  },
  {
    file: 'ooo-korean.eml',
    email: 'seo@example.kr',
    id: '<2026-12-01.daily.718293a4b5c6d7e8f9011223@news.example>',
  },
].map((t) => ({ ...t, raw: corpusMail(t.file).toString('utf8') }));

const rows: Record<string, string | number>[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'gazette-inbound-bench-'));
try {
  rows.push(await run('sqlite', createDatabase<Tables>(`sqlite:${path.join(dir, 'bench.db')}`)));
  const url = process.env.INBOUND_BENCH_POSTGRES_URL;
  if (url !== undefined) {
    const schema = `gazette_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      rows.push(await run('postgres', createDatabase<Tables>(url, { schema })));
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
printTable(`Inbound: ${MESSAGES} messages, parse + store + apply, one at a time`, rows);

async function run(name: string, database: Database<Tables>): Promise<Record<string, string | number>> {
  await migrate(database, gazetteMigrations);
  const messages = await seed(database);
  const pipeline = pipelineFor(database);
  const start = performance.now();
  for (const message of messages) {
    const { id } = await pipeline.receive({
      raw: message.raw,
      source: 'smtp',
      mailFrom: '',
      rcptTo: [message.rcpt],
    });
    await pipeline.process(id);
  }
  const ms = performance.now() - start;
  const bounced = await database.db
    .selectFrom('subscribers')
    .select('id')
    .where('status', '!=', 'active')
    .execute();
  await database.close();
  return {
    database: name,
    messages: messages.length,
    'total ms': Math.round(ms),
    'msg/s': Math.round((messages.length / ms) * 1000),
    'subscribers changed': bounced.length,
  };
}

/** One reader per message, each with a sent ledger row whose Message-ID its report carries. */
async function seed(database: Database<Tables>): Promise<{ raw: Buffer; rcpt: string }[]> {
  const now = new Date().toISOString();
  const messages: { raw: Buffer; rcpt: string }[] = [];
  const ledger = createLedger(database);
  for (let start = 0; start < MESSAGES; start += 500) {
    const batch = Array.from({ length: Math.min(500, MESSAGES - start) }, (_, k) => start + k);
    const inserted = await database.db
      .insertInto('subscribers')
      .values(
        batch.map((i) => ({
          uid: `bench-${i}`,
          email: `reader${i}@example.net`,
          email_key: `reader${i}@example.net`,
          name: null,
          locale: 'ko',
          categories: '[]',
          lists: '["daily"]',
          status: 'active',
          ad_consent: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'uid', 'email'])
      .execute();
    await ledger.plan(
      inserted.map((s) => ({
        edition: EDITION,
        list_id: 'daily',
        subscriber_id: String(s.id),
        subscriber_ref: s.uid,
        email: s.email,
        name: null,
        locale: 'ko',
        segment: 'ko',
      })),
    );
    for (const s of inserted) {
      const messageId = deliveryMessageId(EDITION, 'daily', String(s.id), 'news.example');
      await database.db
        .updateTable('deliveries')
        .set({ status: 'sent', message_id: messageId, sent_at: Date.now() })
        .where('subscriber_id', '=', String(s.id))
        .execute();
      const template = TEMPLATES[Number(s.id) % TEMPLATES.length]!;
      const raw = template.raw
        .split(template.email)
        .join(s.email)
        .split(template.id)
        .join(messageId)
        .replace(/^(Message-I[Dd]: <)/m, `$1bench-${s.id}.`);
      messages.push({ raw: Buffer.from(raw), rcpt: verpOf(s.email) });
    }
  }
  return messages;
}
