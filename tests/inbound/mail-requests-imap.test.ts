import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { listUnsubscribeMailto } from '../../src/subscribers/list-unsubscribe-mailto.ts';
import { spawnGazette } from '../cli/cli-harness.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { dovecotAvailable, startDovecot } from '../helpers/dovecot.ts';
import type { Dovecot } from '../helpers/dovecot.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { VERP_DOMAIN } from '../fixtures/inbound/corpus.ts';
import { inboundWorkspace } from './inbound-harness.ts';
import type { InboundWorkspace } from './inbound-harness.ts';
import { DNS_RECORDS, readerMail } from './mail-requests-world.ts';

describe.each(DIALECTS)('requests by mail read from an IMAP mailbox on $name', (dialect) => {
  const available = dialect.available && dovecotAvailable;
  let test: TestDatabase;
  let dovecot: Dovecot;
  let workspace: InboundWorkspace;
  let sink: SmtpSink;
  let records: string;

  beforeAll(async () => {
    if (!available) return;
    test = await dialect.create();
    dovecot = await startDovecot();
    sink = await startSmtpSink();
    workspace = inboundWorkspace(test, { imap: dovecot.url });
    workspace.env.SMTP_URL = sink.url;
    records = path.join(workspace.dir, 'dns.json');
    writeFileSync(records, JSON.stringify(DNS_RECORDS));
  }, 60_000);
  afterAll(async () => {
    await dovecot?.stop();
    await sink?.close();
    workspace?.cleanup();
    await test?.cleanup();
  });

  it.skipIf(!available)(
    'a token unsubscribe, a DKIM-verified unsubscribe@ and a subscribe@, by Delivered-To',
    async () => {
      const store = createKyselyStore(test.database.db, { secret: workspace.env.GAZETTE_SECRET });
      const add = async (email: string) =>
        (
          await store.subscribe({
            email,
            locale: 'en',
            categories: [],
            lists: ['daily'],
            consent: { source: 'form', version: 'v1' },
            confirmed: true,
          })
        ).subscriber!;
      const tokenReader = await add('token@example.net');
      await add('signed@mail.example');
      const mailto = listUnsubscribeMailto(
        { inbound: { domain: VERP_DOMAIN } as never, secret: workspace.env.GAZETTE_SECRET },
        tokenReader,
        'daily',
      )!.replace(/\?.*$/, '');
      const filed = (raw: Buffer, rcpt: string) =>
        Buffer.concat([Buffer.from(`Delivered-To: ${rcpt}\r\n`), raw]);
      const client = new ImapFlow({
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        auth: { user: dovecot.user, pass: dovecot.pass },
        logger: false,
      });
      await client.connect();
      try {
        await client.append(
          'INBOX',
          filed(await readerMail({ from: 'token@example.net', to: mailto, subject: 'unsubscribe' }), mailto),
        );
        const plain = `unsubscribe@${VERP_DOMAIN}`;
        await client.append(
          'INBOX',
          filed(
            await readerMail({ from: 'signed@mail.example', to: plain, subject: 'unsubscribe', sign: true }),
            plain,
          ),
        );
        const join = `subscribe@${VERP_DOMAIN}`;
        await client.append(
          'INBOX',
          filed(
            await readerMail({ from: 'joiner@mail.example', to: join, subject: 'Subscribe please' }),
            join,
          ),
        );
      } finally {
        await client.logout();
      }
      const child = spawnGazette(
        ['--config', workspace.configFile, 'inbound', '--once', '--dns-records', records],
        {
          cwd: workspace.dir,
          env: workspace.env,
        },
      );
      const exit = await child.exited(60_000);
      expect(exit.code, child.stderr).toBe(0);
      expect(child.stdout).toContain('3 processed, 0 unrecognised');
      expect((await store.findByEmail('token@example.net'))?.status).toBe('unsubscribed');
      expect((await store.findByEmail('signed@mail.example'))?.status).toBe('unsubscribed');
      expect((await store.findByEmail('joiner@mail.example'))?.status).toBe('pending');
      const to = (address: string) =>
        sink.received.filter((m) => m.envelope.to.includes(address)).map((m) => m.parsed.subject);
      expect(to('token@example.net')).toEqual(['Gazette Daily: your subscription change is done']);
      expect(to('signed@mail.example')).toEqual(['Gazette Daily: your subscription change is done']);
      expect(to('joiner@mail.example')).toEqual(['Please confirm your Gazette Daily subscription']);
    },
    90_000,
  );
});
