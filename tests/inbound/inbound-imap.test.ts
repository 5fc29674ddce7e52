import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { dovecotAvailable, startDovecot } from '../helpers/dovecot.ts';
import type { Dovecot } from '../helpers/dovecot.ts';
import { spawnGazette } from '../cli/cli-harness.ts';
import { CORPUS, corpusMail, verpOf } from '../fixtures/inbound/corpus.ts';
import { expectedStatus, seedCorpus, statuses } from './inbound-fixture.ts';
import { inboundWorkspace, waitFor } from './inbound-harness.ts';
import type { InboundWorkspace } from './inbound-harness.ts';

/** What the delivering server adds when it files a message in the mailbox. */
function delivered(raw: Buffer, rcpt: string): Buffer {
  return Buffer.concat([Buffer.from(`Delivered-To: ${rcpt}\r\n`), raw]);
}

describe.each(DIALECTS)('gazette inbound --imap against dovecot on $name', (dialect) => {
  const available = dialect.available && dovecotAvailable;
  let test: TestDatabase;
  let dovecot: Dovecot;
  let workspace: InboundWorkspace;
  let client: ImapFlow;
  const count = async (mailbox: string) => {
    const status = await client.status(mailbox, { messages: true });
    return status === false ? 0 : (status.messages ?? 0);
  };

  beforeAll(async () => {
    if (!available) return;
    test = await dialect.create();
    await seedCorpus(test.database);
    dovecot = await startDovecot();
    workspace = inboundWorkspace(test, { imap: dovecot.url });
    client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.pass },
      logger: false,
    });
    await client.connect();
  }, 60_000);
  afterAll(async () => {
    await client?.logout();
    await dovecot?.stop();
    workspace?.cleanup();
    await test?.cleanup();
  });

  it.skipIf(!available)(
    'reads the corpus, applies it, and files every message; deletes none',
    async () => {
      for (const entry of CORPUS) {
        await client.append(
          'INBOX',
          delivered(corpusMail(entry.file), verpOf(entry.recipient ?? 'nobody@nowhere.example')),
        );
      }
      const child = spawnGazette(['--config', workspace.configFile, 'inbound', '--once'], {
        cwd: workspace.dir,
        env: workspace.env,
      });
      const exit = await child.exited(60_000);
      expect(exit.code, child.stderr).toBe(0);
      expect(child.stdout).toContain('13 processed, 2 unrecognised');
      expect(await count('INBOX')).toBe(0);
      expect(await count('Gazette/Processed')).toBe(13);
      expect(await count('Gazette/Unrecognised')).toBe(2);
      const now = await statuses(test.database);
      for (const [email, status] of Object.entries(now)) expect(status, email).toBe(expectedStatus(email));
    },
    90_000,
  );

  it.skipIf(!available)(
    'waits with IDLE and handles new mail as it arrives',
    async () => {
      const child = spawnGazette(['--config', workspace.configFile, 'inbound'], {
        cwd: workspace.dir,
        env: workspace.env,
      });
      try {
        await waitFor(
          () => (child.stdout.includes('mailbox read') ? true : undefined),
          30_000,
          () => child.stderr,
        );
        // Read once already: an IDLE wait is in progress; the 60 s fallback poll would be too late.
        const raw = Buffer.from(
          'Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example\r\nMessage-ID: <idle-1@mx.example>\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\n<seo@example.kr>: 550 5.1.1 User unknown\r\n',
        );
        const filed = await count('Gazette/Processed');
        const started = Date.now();
        await client.append('INBOX', delivered(raw, verpOf('seo@example.kr')));
        await waitFor(
          async () => ((await statuses(test.database))['seo@example.kr'] === 'bounced' ? true : undefined),
          20_000,
        );
        expect(Date.now() - started).toBeLessThan(20_000);
        await waitFor(async () => ((await count('INBOX')) === 0 ? true : undefined), 10_000);
        expect(await count('Gazette/Processed')).toBe(filed + 1);
      } finally {
        child.kill('SIGTERM');
        await child.exited(15_000);
      }
    },
    90_000,
  );

  it.skipIf(!available)(
    'a wrong password is a clear INBOUND_IMAP error naming the fix',
    async () => {
      const bad = dovecot.url.replace(dovecot.pass, 'wrong');
      const child = spawnGazette(['--config', workspace.configFile, 'inbound', '--imap', bad, '--once'], {
        cwd: workspace.dir,
        env: workspace.env,
      });
      const exit = await child.exited(30_000);
      expect(exit.code).not.toBe(0);
      expect(child.stderr).toMatch(/Cannot log in to 127\.0\.0\.1.*Check the host, port and credentials/);
    },
    60_000,
  );
});
