import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxMailer } from '../../src/mail/create-outbox-mailer.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { subscriber } from '../send/send-fixture.ts';
import { createSendHarness } from '../send/send-harness.ts';
import type { SendHarness } from '../send/send-harness.ts';
import { cliWorkspace } from './cli-harness.ts';

const TARGET = 'Secret.Reader@example.com';
const NAME = '김비밀 Hidden-Name';
/** What must not be found anywhere: the address in any case, and each part of the name. */
const TRACES = ['secret.reader', 'Secret.Reader', '김비밀', 'Hidden-Name'];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function tracesIn(file: string): string[] {
  const bytes = readFileSync(file);
  return TRACES.filter((trace) => bytes.includes(Buffer.from(trace, 'utf8')));
}

// `subscribers remove --forget` must leave no copy of the address or the name: not in freed
// pages of the SQLite file, not in its write-ahead log, not in the outbox.
describe.each(DIALECTS)('forget leaves no trace on $name', (dialect) => {
  let sink: SmtpSink;
  let harness: SendHarness;
  let cli: ReturnType<typeof cliWorkspace>;
  beforeAll(async () => {
    if (!dialect.available) return;
    sink = await startSmtpSink();
    harness = await createSendHarness(dialect, sink.url);
    cli = cliWorkspace(harness.test);
  });
  afterAll(async () => {
    if (!dialect.available) return;
    cli.cleanup();
    await harness.cleanup();
    await sink.close();
  });

  it.skipIf(!dialect.available)(
    'after a forget, neither the database file, its log nor the outbox holds the address or the name',
    async () => {
      const outbox = cli.file('outbox');
      // Signed up through the CLI: a confirmation mail goes to the outbox.
      const added = await cli.run(['subscribers', 'add', TARGET, '--name', NAME, '--locale', 'ko']);
      expect(added.code, added.err).toBe(0);
      // Confirmed by import, alongside readers who stay; then the name and choices change a few
      // times, so that older copies of the row sit in freed space.
      await harness.store.importBatch([
        subscriber(TARGET.toLowerCase(), 'ko', [], { name: NAME }),
        ...Array.from({ length: 30 }, (_, i) =>
          subscriber(`stays${i}@example.com`, 'en', [], { name: `Stays ${i}` }),
        ),
      ]);
      const target = (await harness.store.findByEmail(TARGET.toLowerCase()))!;
      for (const locale of ['en', 'bilingual', 'ko'] as const) {
        await harness.store.updatePreferences(target.uid, {
          name: `${NAME} ${locale}`,
          locale,
          categories: [],
          lists: ['daily'],
        });
      }
      // The edition goes to everyone, as .eml files in the same outbox.
      const sent = await harness.send({}, { mailer: createOutboxMailer(path.join(outbox, 'digest')) });
      expect(sent.sent).toBe(31);
      const before = filesUnder(outbox);
      const database = harness.test.url.startsWith('sqlite:')
        ? harness.test.url.slice('sqlite:'.length)
        : undefined;
      const dbFiles =
        database === undefined ? [] : [database, `${database}-wal`].filter((f) => existsSync(f));
      // The test finds the traces before the forget: it can fail.
      expect(before.filter((file) => tracesIn(file).length > 0)).toHaveLength(2);
      if (database !== undefined) expect(dbFiles.flatMap(tracesIn)).not.toEqual([]);

      const forgot = await cli.run(['subscribers', 'remove', TARGET, '--forget']);
      expect(forgot.code, forgot.err).toBe(0);

      const after = filesUnder(outbox);
      expect(after).toHaveLength(before.length - 2);
      expect(after.flatMap((file) => tracesIn(file).map((trace) => `${trace} in ${file}`))).toEqual([]);
      if (database !== undefined) {
        const stillThere = [database, `${database}-wal`, `${database}-shm`]
          .filter((file) => existsSync(file))
          .flatMap((file) => tracesIn(file).map((trace) => `${trace} in ${path.basename(file)}`));
        expect(stillThere).toEqual([]);
      }
      // The rows of the others are intact, and the address stays refused.
      expect(await harness.store.count()).toBe(30);
      const again = await cli.run(['subscribers', 'add', TARGET, '--confirmed']);
      expect(again.err).toMatch(/suppressed/);
    },
    60_000,
  );
});
