import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpReceiver } from '../../src/inbound/create-smtp-receiver.ts';
import type { SmtpReceiver } from '../../src/inbound/create-smtp-receiver.ts';
import { inboundSettings } from '../../src/inbound/inbound-settings.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { corpusMail, verpOf } from '../fixtures/inbound/corpus.ts';
import { inboundConfig, pipelineFor, seedCorpus } from './inbound-fixture.ts';
import { deliver } from './inbound-harness.ts';

const sqlite = DIALECTS[0]!;

/** Read the server's greeting on a raw connection (421 when refused). */
function greeting(port: number): Promise<{ text: string; close(): void }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (chunk) => resolve({ text: chunk.toString(), close: () => socket.destroy() }));
    socket.once('error', reject);
  });
}

describe('the SMTP receiver: STARTTLS and per-IP limits', () => {
  let test: TestDatabase;
  const receivers: SmtpReceiver[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-tls-'));
  const start = async (options: {
    maxConnectionsPerIp?: number;
    messagesPerMinutePerIp?: number;
    tls?: boolean;
  }) => {
    const config = inboundConfig();
    const receiver = await createSmtpReceiver({
      pipeline: pipelineFor(test.database, config),
      settings: inboundSettings(config),
      host: '127.0.0.1',
      port: 0,
      name: 'bounces.news.example',
      maxConnectionsPerIp: options.maxConnectionsPerIp ?? 10,
      messagesPerMinutePerIp: options.messagesPerMinutePerIp ?? 100,
      tls: options.tls
        ? { keyFile: path.join(dir, 'key.pem'), certFile: path.join(dir, 'cert.pem') }
        : undefined,
      log: () => {},
    });
    receivers.push(receiver);
    return receiver;
  };

  beforeAll(async () => {
    test = await sqlite.create();
    await seedCorpus(test.database);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=bounces.news.example',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(async () => {
    for (const receiver of receivers) await receiver.close();
    rmSync(dir, { recursive: true, force: true });
    await test?.cleanup();
  });

  it('offers STARTTLS with the configured key and certificate, and receives over it', async () => {
    const receiver = await start({ tls: true });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: receiver.port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    });
    const info = await transport.sendMail({
      envelope: { from: '', to: [verpOf('kim.minji@example.net')] },
      raw: corpusMail('postfix-hard.eml'),
    });
    transport.close();
    expect(info.response).toMatch(/^250 /);
    // Without tls in the config, STARTTLS is not offered: a client that requires it is refused.
    const plain = await start({});
    const strict = nodemailer.createTransport({
      host: '127.0.0.1',
      port: plain.port,
      secure: false,
      requireTLS: true,
    });
    await expect(
      strict.sendMail({
        envelope: { from: '', to: [verpOf('a@b.example')] },
        raw: 'Subject: x\r\n\r\nx\r\n',
      }),
    ).rejects.toThrow(/STARTTLS/);
    strict.close();
  });

  it('refuses a connection over the per-IP limit with 421', async () => {
    const receiver = await start({ maxConnectionsPerIp: 1 });
    const first = await greeting(receiver.port);
    expect(first.text).toMatch(/^220 /);
    const second = await greeting(receiver.port);
    expect(second.text).toMatch(/^421 /);
    first.close();
    second.close();
  });

  it('defers messages over the per-IP rate with 450', async () => {
    const receiver = await start({ messagesPerMinutePerIp: 2 });
    const mail = (n: number) =>
      Buffer.from(`Message-ID: <rate-${n}@x.example>\r\nSubject: ${n}\r\n\r\nhi\r\n`);
    await deliver(receiver.port, mail(1), [verpOf('a@b.example')]);
    await deliver(receiver.port, mail(2), [verpOf('a@b.example')]);
    await expect(deliver(receiver.port, mail(3), [verpOf('a@b.example')])).rejects.toMatchObject({
      responseCode: 450,
    });
  });
});
