import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookReceiver } from '../../src/inbound/create-webhook-receiver.ts';
import { webhookPassword } from '../../src/inbound/webhook-password.ts';
import { createOutboxMailer } from '../../src/mail/create-outbox-mailer.ts';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { createWebApp } from '../../src/web/create-web-app.tsx';
import { routeGroups } from '../../src/web/route-groups.ts';
import { createWebhookRoutes } from '../../src/web/routes/webhook-routes.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { CORPUS } from '../fixtures/inbound/corpus.ts';
import { expectedStatus, inboundConfig, pipelineFor, seedCorpus, statuses } from './inbound-fixture.ts';
import { CERT_URL, TOPIC, snsNotification, testSigner } from './sns-signer.ts';

const SECRET = 'webhook-tests-secret-0123456789abcdefghij';
const signer = testSigner();
/** The reports of the corpus that a provider would send as JSON (bounces and complaints). */
const REPORTS = CORPUS.filter(
  (e) => e.event === 'hard-bounce' || e.event === 'soft-bounce' || e.event === 'complaint',
);

function sesFor(entry: (typeof REPORTS)[number]) {
  const mail = {
    messageId: `0100018c-${entry.file}`,
    destination: [entry.recipient],
    ...(entry.messageId === undefined ? {} : { commonHeaders: { messageId: entry.messageId } }),
  };
  if (entry.event === 'complaint') {
    return {
      notificationType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: entry.recipient }],
        complaintFeedbackType: 'abuse',
      },
      mail,
    };
  }
  return {
    notificationType: 'Bounce',
    bounce: {
      bounceType: entry.event === 'hard-bounce' ? 'Permanent' : 'Transient',
      bounceSubType: entry.event === 'hard-bounce' ? 'General' : 'MailboxFull',
      bouncedRecipients: [
        {
          emailAddress: entry.recipient,
          action: 'failed',
          status: entry.status,
          diagnosticCode: `smtp; 550 ${entry.status}`,
        },
      ],
    },
    mail,
  };
}

describe.each(DIALECTS)('provider webhooks in serve on $name', (dialect) => {
  let test: TestDatabase;
  let server: Server;
  let base: string;
  const fetched: string[] = [];
  let idle: () => Promise<void> = async () => {};
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'text/plain; charset=UTF-8', ...headers },
    });
  const stored = async () =>
    (await test.database.db.selectFrom('inbound_messages').select('id').execute()).length;

  beforeAll(async () => {
    if (!dialect.available) return;
    test = await dialect.create();
    await seedCorpus(test.database);
    const config = inboundConfig({ webhooks: { snsTopicArns: [TOPIC], postmark: true } });
    const pipeline = pipelineFor(test.database, config);
    const receiver = createWebhookReceiver({
      pipeline,
      snsTopicArns: [TOPIC],
      postmark: true,
      secret: SECRET,
      // Never the network: the test's certificate, and a record of confirmation visits.
      fetchText: async (url) => {
        fetched.push(url);
        if (url === CERT_URL) return signer.certificate;
        if (url.startsWith('https://sns.ap-northeast-2.amazonaws.com/?Action=ConfirmSubscription'))
          return '<ConfirmSubscriptionResponse/>';
        throw new Error(`unexpected fetch ${url}`);
      },
      log: () => {},
    });
    const web = createWebApp(
      {
        config: { ...config, secret: SECRET },
        store: createKyselyStore(test.database.db),
        mailer: createOutboxMailer(path.join(tmpdir(), 'gazette-webhook-outbox')),
      },
      [...routeGroups, createWebhookRoutes(receiver)],
    );
    server = serve({ fetch: web.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    idle = () => pipeline.idle();
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await test?.cleanup();
  });

  it.skipIf(!dialect.available)('confirms an SNS subscription by visiting its SubscribeURL', async () => {
    const subscribe = `https://sns.ap-northeast-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=abc`;
    const message = signer.sign({
      Type: 'SubscriptionConfirmation',
      MessageId: 'sub-1',
      TopicArn: TOPIC,
      Token: 'abc',
      Message: 'You have chosen to subscribe…',
      SubscribeURL: subscribe,
      Timestamp: '2026-12-01T00:00:00.000Z',
      SignatureVersion: '1',
      SigningCertURL: CERT_URL,
    });
    const response = await post('/webhooks/ses', message);
    expect(response.status).toBe(200);
    expect(fetched).toContain(subscribe);
  });

  it.skipIf(!dialect.available)(
    'refuses forged signatures, foreign certificate URLs and unknown topics; stores nothing',
    async () => {
      const before = await stored();
      const good = signer.sign(snsNotification('n-forged', sesFor(REPORTS[0]!)));
      const forged = { ...good, Message: good.Message.replace('Permanent', 'Transient') };
      expect((await post('/webhooks/ses', forged)).status).toBe(403);
      fetched.length = 0;
      for (const url of [
        'http://sns.ap-northeast-2.amazonaws.com/cert.pem',
        'https://sns.ap-northeast-2.amazonaws.com.evil.example/cert.pem',
        'https://evil.example/sns.ap-northeast-2.amazonaws.com/cert.pem',
        'https://sns.ap-northeast-2.amazonaws.com:8443/cert.pem',
      ]) {
        const message = signer.sign({
          ...snsNotification('n-url', sesFor(REPORTS[0]!)),
          SigningCertURL: url,
        });
        expect((await post('/webhooks/ses', message)).status, url).toBe(403);
      }
      expect(fetched).toEqual([]);
      const otherTopic = signer.sign({
        ...snsNotification('n-topic', sesFor(REPORTS[0]!)),
        TopicArn: 'arn:aws:sns:us-east-1:999:other',
      });
      expect((await post('/webhooks/ses', otherTopic)).status).toBe(403);
      expect((await post('/webhooks/ses', 'not json')).status).toBe(400);
      expect(await stored()).toBe(before);
    },
  );

  it.skipIf(!dialect.available)(
    'the corpus through SES: applied, and a resent notification counted once',
    async () => {
      for (const entry of REPORTS) {
        const response = await post(
          '/webhooks/ses',
          signer.sign(snsNotification(`n-${entry.file}`, sesFor(entry))),
        );
        expect(response.status, entry.file).toBe(200);
      }
      const again = await post(
        '/webhooks/ses',
        signer.sign(snsNotification(`n-${REPORTS[0]!.file}`, sesFor(REPORTS[0]!))),
      );
      expect(await again.text()).toBe('already received');
      await idle();
      const now = await statuses(test.database);
      for (const entry of REPORTS)
        expect(now[entry.recipient!], entry.file).toBe(expectedStatus(entry.recipient!));
      const events = await test.database.db
        .selectFrom('inbound_events')
        .select(['kind', 'edition'])
        .execute();
      expect(events).toHaveLength(REPORTS.length);
      expect(events.every((e) => e.edition === '2026-12-01')).toBe(true);
    },
  );

  it.skipIf(!dialect.available)('Postmark: refused without the Basic password, applied with it', async () => {
    await test.database.db.updateTable('subscribers').set({ status: 'active' }).execute();
    const record = (entry: (typeof REPORTS)[number], n: number) => ({
      RecordType: entry.event === 'complaint' ? 'SpamComplaint' : 'Bounce',
      Type:
        entry.event === 'complaint'
          ? 'SpamComplaint'
          : entry.event === 'hard-bounce'
            ? 'HardBounce'
            : 'SoftBounce',
      ID: 4_000_000 + n,
      Email: entry.recipient,
      Details: `smtp; ${entry.status}`,
    });
    const auth = `Basic ${Buffer.from(`gazette:${webhookPassword(SECRET, 'postmark')}`).toString('base64')}`;
    expect((await post('/webhooks/postmark', record(REPORTS[0]!, 0))).status).toBe(401);
    const wrong = `Basic ${Buffer.from('gazette:guess').toString('base64')}`;
    expect((await post('/webhooks/postmark', record(REPORTS[0]!, 0), { authorization: wrong })).status).toBe(
      401,
    );
    for (const [n, entry] of REPORTS.entries()) {
      expect((await post('/webhooks/postmark', record(entry, n), { authorization: auth })).status).toBe(200);
    }
    await idle();
    const now = await statuses(test.database);
    for (const entry of REPORTS)
      expect(now[entry.recipient!], entry.file).toBe(expectedStatus(entry.recipient!));
  });
});
