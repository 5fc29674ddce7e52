import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxMailer } from '../../src/mail/create-outbox-mailer.ts';
import { createSmtpMailer } from '../../src/mail/create-smtp-mailer.ts';
import type { OutgoingMail } from '../../src/mail/outgoing-mail.ts';
import { isGazetteError } from '../../src/errors.ts';
import { startSmtpSink } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';

const mail = (to: string, extra: Partial<OutgoingMail> = {}): OutgoingMail => ({
  from: { name: 'Gazette Daily', address: 'digest@gazette.example' },
  to,
  subject: '가제트 데일리 · 11월 23일',
  html: '<p lang="ko">안녕하세요</p>',
  text: '안녕하세요',
  messageId: '<2026-11-23.daily.abc@gazette.example>',
  listId: 'Daily Briefing <daily.gazette.example>',
  listUnsubscribe: { url: 'https://news.example/unsubscribe/TOKEN', mailto: 'unsubscribe@gazette.example' },
  ...extra,
});

describe('SMTP mailer against a real SMTP server', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink({
      onRecipient: (address) => {
        if (address.startsWith('gone@')) return { code: 550, message: '5.1.1 No such mailbox' };
        if (address.startsWith('later@')) return { code: 451, message: '4.3.0 Try again later' };
        if (address.startsWith('policy@')) return { code: 554, message: '5.7.1 Message refused by policy' };
        return undefined;
      },
    });
  });
  afterAll(() => sink.close());

  it('delivers one message with one List-Unsubscribe header, the one-click header and base64 bodies', async () => {
    const mailer = createSmtpMailer({ url: sink.url });
    await mailer.send(mail('reader@example.com'));
    await mailer.close();
    const received = sink.received.at(-1);
    expect(received?.envelope.to).toEqual(['reader@example.com']);
    const raw = received?.raw.toString('utf8') ?? '';
    expect(raw.match(/^List-Unsubscribe:/gim)).toHaveLength(1);
    expect(raw).toMatch(
      /^List-Unsubscribe: <https:\/\/news\.example\/unsubscribe\/TOKEN>,\s*<mailto:unsubscribe@gazette\.example>/im,
    );
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/im);
    expect(raw).toMatch(/^Content-Transfer-Encoding: base64/im);
    expect(received?.parsed.subject).toBe('가제트 데일리 · 11월 23일');
    expect(received?.parsed.messageId).toBe('<2026-11-23.daily.abc@gazette.example>');
    expect(received?.parsed.html).toContain('lang="ko"');
  });

  it.each([
    ['gone@example.com', 'SMTP_PERMANENT'],
    ['later@example.com', 'SMTP_TRANSIENT'],
    ['policy@example.com', 'SMTP_POLICY'],
  ])('classifies the rejection of %s as %s, keeping the reply', async (to, code) => {
    const mailer = createSmtpMailer({ url: sink.url });
    const error = await mailer.send(mail(to)).catch((e: unknown) => e);
    await mailer.close();
    expect(isGazetteError(error) && error.code).toBe(code);
    expect(isGazetteError(error) && String(error.context.smtpResponse)).toMatch(/\d\.\d\.\d/);
  });

  it('reports an unreachable server as a connection error', async () => {
    const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:1' });
    const error = await mailer.verify().catch((e: unknown) => e);
    await mailer.close();
    expect(isGazetteError(error) && error.code).toBe('SMTP_CONNECTION');
  });

  it('refuses a line break or control character in any header value before anything reaches the wire', async () => {
    const mailer = createSmtpMailer({ url: sink.url });
    const before = sink.received.length;
    for (const bad of [
      mail('x@example.com\r\nBcc: victim@example.com'),
      mail('x@example.com', { subject: 'Hi\r\nBcc: victim@example.com' }),
      mail('x@example.com', { from: { name: 'Evil\nBcc: v@example.com', address: 'a@b.example' } }),
      // Unicode line breaks and NUL: some mail software splits or truncates header lines on them.
      mail('x@example.com', { from: { name: 'Evil\u2028Bcc: v@example.com', address: 'a@b.example' } }),
      mail('x@example.com', { subject: 'Hi\u2029Bcc: victim@example.com' }),
      mail('x@example.com', { subject: 'Hi\u0085Bcc: victim@example.com' }),
      mail('x@example.com', { replyTo: 'r@example.com\u0000' }),
      mail('x@example.com', { listId: 'Daily\u000b <daily.gazette.example>' }),
    ]) {
      const error = await mailer.send(bad).catch((e: unknown) => e);
      expect(isGazetteError(error, 'HEADER_INJECTION')).toBe(true);
    }
    await mailer.close();
    expect(sink.received.length).toBe(before);
  });
});

describe('SMTP mailer against a server that requires a login', () => {
  const USER = 'gazette';
  // Characters that must be percent-encoded in SMTP_URL: nodemailer decodes them for the login.
  const PASSWORD = 'correct horse@battery:staple%/한';
  let server: SMTPServer;
  let port: number;
  const received: string[] = [];
  beforeAll(async () => {
    server = new SMTPServer({
      // Plain AUTH without TLS on loopback, as a test relay would; real servers require STARTTLS.
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === USER && auth.password === PASSWORD) {
          callback(null, { user: auth.username });
          return;
        }
        // As real servers reply (Gmail: 535-5.7.8 Username and Password not accepted).
        callback(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const url = (user: string, password: string) =>
    `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`;

  it('verify() turns a wrong password into SMTP_AUTH naming SMTP_URL, never echoing the password', async () => {
    const wrong = 'wrong-pa$$word';
    const mailer = createSmtpMailer({ url: url(USER, wrong) });
    const error = await mailer.verify().catch((e: unknown) => e);
    await mailer.close();
    expect(isGazetteError(error) && error.code).toBe('SMTP_AUTH');
    const message = (error as Error).message;
    expect(message).toMatch(
      /^The SMTP server refused the login: 535 5\.7\.8 Authentication credentials invalid\. /,
    );
    expect(message).toMatch(/Check the user and password in SMTP_URL/);
    expect(message).not.toContain(wrong);
    expect(JSON.stringify((error as { context: unknown }).context)).not.toContain(wrong);
    expect(message).not.toMatch(/SPF|DKIM|policy/);
  });

  it('a send without credentials (530 authentication required) is SMTP_AUTH too, not a policy pause', async () => {
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}` });
    const error = await mailer.send(mail('reader@example.com')).catch((e: unknown) => e);
    await mailer.close();
    expect(isGazetteError(error) && error.code).toBe('SMTP_AUTH');
    expect(isGazetteError(error) && String(error.context.smtpResponse)).toMatch(/^530 /);
    expect(received).toEqual([]);
  });

  it('with the right user and password, verify() passes and the message goes through', async () => {
    const mailer = createSmtpMailer({ url: url(USER, PASSWORD) });
    await mailer.verify();
    await mailer.send(mail('reader@example.com'));
    await mailer.close();
    expect(received).toEqual(['reader@example.com']);
  });
});

describe('SMTP mailer: the URL, read by nodemailer', () => {
  it.each([
    ['smtps://user:s3cret%40x@mail.example.com', 'smtps://mail.example.com'],
    ['smtp://user:s3cret@mail.example.com:2525', 'smtp://mail.example.com:2525'],
    ['smtp://[::1]:25', 'smtp://[::1]:25'],
  ])('%s goes to %s, credentials never shown', async (url, destination) => {
    const mailer = createSmtpMailer({ url });
    expect(mailer.destination).toBe(destination);
    expect(mailer.destination).not.toContain('s3cret');
    await mailer.close();
  });
});

describe('SMTP mailer: the DKIM key file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-dkim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const dkim = (privateKeyFile: string) => ({
    domainName: 'gazette.example',
    keySelector: 's1',
    privateKeyFile,
  });
  const errorOf = (privateKeyFile: string) => {
    try {
      void createSmtpMailer({ url: 'smtp://127.0.0.1:1', dkim: dkim(privateKeyFile) }).close();
      return undefined;
    } catch (error) {
      return error;
    }
  };

  it('a missing file is CONFIG_INVALID naming send.dkim.privateKeyFile and the path, not ENOENT', () => {
    const file = path.join(dir, 'missing.pem');
    const error = errorOf(file);
    expect(isGazetteError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(`^send\\.dkim\\.privateKeyFile: ${file.replace(/[.\\/]/g, '\\$&')} does not exist\\. `),
    );
    expect((error as Error).message).not.toMatch(/ENOENT|^\s+at /m);
  });

  it('a file that is not a private key is CONFIG_INVALID too', () => {
    const file = path.join(dir, 'public.pem');
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(file, publicKey.export({ type: 'spki', format: 'pem' }));
    const error = errorOf(file);
    expect(isGazetteError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toContain(
      `send.dkim.privateKeyFile: ${file} is not an unencrypted PEM private key`,
    );
  });

  it('a PEM private key is accepted', async () => {
    const file = path.join(dir, 'dkim.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(errorOf(file)).toBeUndefined();
  });
});

describe('outbox mailer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-outbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a complete .eml per message and no partial files', async () => {
    const mailer = createOutboxMailer(dir);
    const info = await mailer.send(mail('reader@example.com'));
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    expect(info.response).toBe(path.join(dir, files[0] ?? ''));
    const eml = readFileSync(info.response, 'utf8');
    expect(eml).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    expect(eml).toMatch(/^To: reader@example\.com\r$/m);
  });
});
