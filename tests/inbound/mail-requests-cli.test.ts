import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnsubscribeMailto } from '../../src/subscribers/list-unsubscribe-mailto.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { VERP_DOMAIN } from '../fixtures/inbound/corpus.ts';
import { deliver, inboundWorkspace, startInbound, waitFor } from './inbound-harness.ts';
import type { InboundWorkspace, RunningInbound } from './inbound-harness.ts';
import { DNS_RECORDS, readerMail } from './mail-requests-world.ts';

describe.each(DIALECTS)('gazette inbound answers requests by mail on $name', (dialect) => {
  let test: TestDatabase;
  let workspace: InboundWorkspace;
  let inbound: RunningInbound;
  let sink: SmtpSink;
  let store: SubscriberStore;

  beforeAll(async () => {
    if (!dialect.available) return;
    test = await dialect.create();
    sink = await startSmtpSink();
    workspace = inboundWorkspace(test);
    workspace.env.SMTP_URL = sink.url;
    const records = path.join(workspace.dir, 'dns.json');
    writeFileSync(records, JSON.stringify(DNS_RECORDS));
    store = createKyselyStore(test.database.db, { secret: workspace.env.GAZETTE_SECRET });
    inbound = await startInbound(workspace, ['--dns-records', records]);
  }, 60_000);
  afterAll(async () => {
    await inbound?.stop();
    await sink?.close();
    workspace?.cleanup();
    await test?.cleanup();
  });

  const mailsTo = (address: string) => sink.received.filter((m) => m.envelope.to.includes(address));

  it.skipIf(!dialect.available)(
    'a mail to the reader’s own mailto unsubscribes before the 250 and is answered once',
    async () => {
      const { subscriber } = await store.subscribe({
        email: 'reader@example.net',
        locale: 'en',
        categories: [],
        lists: ['daily'],
        consent: { source: 'form', version: 'v1' },
        confirmed: true,
      });
      const mailto = listUnsubscribeMailto(
        { inbound: { domain: VERP_DOMAIN } as never, secret: workspace.env.GAZETTE_SECRET },
        subscriber!,
        'daily',
      )!.replace(/\?.*$/, '');
      const raw = await readerMail({ from: 'reader@example.net', to: mailto, subject: 'unsubscribe' });
      expect(await deliver(inbound.port, raw, [mailto], 'reader@example.net')).toMatch(/^250 /);
      expect((await store.findByEmail('reader@example.net'))?.status).toBe('unsubscribed');
      const [notice] = await waitFor(
        () => (mailsTo('reader@example.net').length > 0 ? mailsTo('reader@example.net') : undefined),
        10_000,
      );
      expect(notice?.parsed.subject).toBe('Gazette Daily: your subscription change is done');
      // The notice goes out before the 250 too: after a repeat's 250, a second one would be here.
      const repeat = await readerMail({ from: 'reader@example.net', to: mailto, subject: 'unsubscribe!' });
      expect(await deliver(inbound.port, repeat, [mailto], 'reader@example.net')).toMatch(/^250 /);
      expect(mailsTo('reader@example.net')).toHaveLength(1);
    },
  );

  it.skipIf(!dialect.available)(
    'a DKIM-signed mail to subscribe@ gets a confirmation and a consent record with its authentication',
    async () => {
      const to = `subscribe@${VERP_DOMAIN}`;
      const raw = await readerMail({ from: 'new@mail.example', to, subject: '구독', sign: true });
      expect(await deliver(inbound.port, raw, [to], 'new@mail.example')).toMatch(/^250 /);
      const [confirmation] = await waitFor(
        () => (mailsTo('new@mail.example').length > 0 ? mailsTo('new@mail.example') : undefined),
        10_000,
        () => inbound.child.stderr,
      );
      expect(confirmation?.parsed.subject).toBe('가제트 데일리 구독을 확인해 주세요');
      const subscriber = await store.findByEmail('new@mail.example');
      expect(subscriber).toMatchObject({ status: 'pending', locale: 'ko' });
      const [consent] = await store.consents(subscriber!.id);
      expect(consent?.source).toBe('email');
      expect(consent?.authResults).toMatch(/dkim=pass .*header\.i=@mail\.example/);
      expect(consent?.authResults).toMatch(/dmarc=pass/);
    },
  );
});
