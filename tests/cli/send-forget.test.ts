import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { subscriber } from '../send/send-fixture.ts';
import { createSendHarness } from '../send/send-harness.ts';
import type { SendHarness } from '../send/send-harness.ts';
import { cliWorkspace } from './cli-harness.ts';

// `subscribers remove --forget` must reach the delivery ledger too: address, name and the
// server's reply (which often quotes the address) go; ids, statuses and counts stay.
describe.each(DIALECTS)('subscribers remove --forget and the delivery ledger on $name', (dialect) => {
  let sink: SmtpSink;
  let harness: SendHarness;
  let cli: ReturnType<typeof cliWorkspace>;
  beforeAll(async () => {
    if (!dialect.available) return;
    sink = await startSmtpSink({
      onRecipient: (address) => {
        if (address.startsWith('gone')) return { code: 550, message: `5.1.1 <${address}>: no such mailbox` };
        if (address.startsWith('later')) return { code: 451, message: `4.2.1 <${address}>: try later` };
        return undefined;
      },
    });
    harness = await createSendHarness(dialect, sink.url, { maxAttempts: 1 });
    cli = cliWorkspace(harness.test);
  });
  afterAll(async () => {
    if (!dialect.available) return;
    cli.cleanup();
    await harness.cleanup();
    await sink.close();
  });

  const rows = () =>
    harness.test.database.db
      .selectFrom('deliveries')
      .selectAll()
      .orderBy('id')
      .execute()
      .then((all) => all.map((row) => ({ ...row, id: Number(row.id) })));

  it.skipIf(!dialect.available)(
    'erases sent, failed and deferred rows of the forgotten recipients and keeps the rest',
    async () => {
      await harness.store.importBatch([
        subscriber('kim@example.com', 'ko', [], { name: 'Kim Minji' }),
        subscriber('gone-lee@example.com', 'en', [], { name: 'Lee Jun' }),
        subscriber('later-park@example.com', 'en', [], { name: 'Park Sora' }),
        subscriber('keep@example.com', 'en', [], { name: 'Keep Me' }),
      ]);
      const first = await harness.send();
      expect(first).toMatchObject({ sent: 2, failed: 1, deferred: 1 });
      const before = await rows();
      expect(JSON.stringify(before)).toContain('gone-lee@example.com>: no such mailbox');

      for (const email of ['KIM@example.com', 'gone-lee@example.com', 'later-park@example.com']) {
        const forgot = await cli.run(['subscribers', 'remove', email, '--forget']);
        expect(forgot.code).toBe(0);
      }

      const after = await rows();
      const dump = JSON.stringify(after);
      for (const gone of ['kim@', 'Kim Minji', 'gone-lee', 'Lee Jun', 'later-park', 'Park Sora']) {
        expect(dump).not.toContain(gone);
      }
      // The ledger still adds up: same rows and ids; the deferred row is closed, not retried.
      expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
      const statusOf = (email: string) => {
        const id = before.find((row) => row.email === email)?.id;
        return after.find((row) => row.id === id)?.status;
      };
      expect(statusOf('kim@example.com')).toBe('sent');
      expect(statusOf('gone-lee@example.com')).toBe('failed');
      expect(statusOf('later-park@example.com')).toBe('skipped');
      const kept = after.find((row) => row.email === 'keep@example.com');
      expect(kept).toMatchObject({ status: 'sent', name: 'Keep Me' });
      expect(kept?.response).toBeTruthy();

      const received = sink.received.length;
      const again = await harness.send();
      expect(again).toMatchObject({ sent: 0, failed: 0, deferred: 0, pending: 0 });
      expect(sink.received.length).toBe(received);
    },
  );

  it.skipIf(!dialect.available)(
    'finds the rows by address when the store had already erased the subscriber',
    async () => {
      await harness.store.importBatch([subscriber('early@example.com', 'en', [], { name: 'Early Bird' })]);
      await harness.send();
      // An erasure made before the ledger was covered: the store no longer knows the address.
      await harness.store.forget('early@example.com');
      expect(JSON.stringify(await rows())).toContain('early@example.com');
      const forgot = await cli.run(['subscribers', 'remove', 'early@example.com', '--forget']);
      expect(forgot.out).toMatch(/^No subscriber had early@example\.com/);
      const dump = JSON.stringify(await rows());
      expect(dump).not.toContain('early@');
      expect(dump).not.toContain('Early Bird');
    },
  );
});
