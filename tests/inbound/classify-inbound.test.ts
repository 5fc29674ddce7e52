import { describe, expect, it } from 'vitest';
import { classifyInbound } from '../../src/inbound/classify-inbound.ts';
import { parseInbound } from '../../src/inbound/parse-inbound.ts';
import { CORPUS, VERP_DOMAIN, corpusMail } from '../fixtures/inbound/corpus.ts';

const context = {
  mailFrom: '',
  isOurs: (address: string) => address.endsWith('@news.example') || address.endsWith(`@${VERP_DOMAIN}`),
};

describe('classifyInbound: the corpus', () => {
  it.each(CORPUS)('$file is $kind', async (entry) => {
    const mail = await parseInbound(corpusMail(entry.file));
    const result = classifyInbound(mail, context);
    expect(result.kind).toBe(entry.kind);
    if (entry.event !== undefined && entry.event !== 'auto-reply') {
      expect(result.findings).toHaveLength(1);
      expect(result.findings[0]?.kind).toBe(entry.event);
      expect(result.findings[0]?.status).toBe(entry.status);
      // Microsoft redacts the recipient; the Message-ID ties it instead.
      if (entry.file !== 'microsoft-jmrp.eml') expect(result.findings[0]?.recipient).toBe(entry.recipient);
    }
    if (entry.messageId !== undefined) expect(result.originalMessageIds).toContain(entry.messageId);
    if (entry.kind === 'unrecognised') expect(result.note).toBeTruthy();
  });
});

describe('classifyInbound: edges', () => {
  const mail = (headers: string, body = 'hello') =>
    parseInbound(Buffer.from(`${headers}\r\nMessage-ID: <x@y.example>\r\n\r\n${body}\r\n`));

  it('a DSN that reports delivery is no bounce', async () => {
    const raw = [
      'From: MAILER-DAEMON@mx.example',
      'Subject: Successful Mail Delivery Report',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example',
      '',
      'Final-Recipient: rfc822; a@b.example',
      'Action: delivered',
      'Status: 2.0.0',
      '',
      '--b--',
      '',
    ].join('\r\n');
    const result = classifyInbound(await parseInbound(Buffer.from(raw)), context);
    expect(result.kind).toBe('unrecognised');
  });

  it('Precedence: junk and Auto-Submitted: auto-generated are auto-replies; Auto-Submitted: no is not', async () => {
    expect(
      classifyInbound(await mail('From: a@b.example\r\nSubject: hi\r\nPrecedence: junk'), context).kind,
    ).toBe('auto-reply');
    expect(
      classifyInbound(
        await mail('From: a@b.example\r\nSubject: hi\r\nAuto-Submitted: auto-generated'),
        context,
      ).kind,
    ).toBe('auto-reply');
    expect(
      classifyInbound(await mail('From: a@b.example\r\nSubject: hi\r\nAuto-Submitted: no'), context).kind,
    ).toBe('unrecognised');
  });

  it('a bounce-looking subject from a person, with no status, is not guessed', async () => {
    const result = classifyInbound(await mail('From: a@b.example\r\nSubject: Undeliverable: lunch?'), {
      isOurs: () => false,
    });
    expect(result.kind).toBe('unrecognised');
  });

  it('a 5.7.1 policy block is soft, a 5.2.1 disabled mailbox hard', async () => {
    const bounce = (code: string) =>
      mail(
        `From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail Returned to Sender`,
        `<r@x.example>: 550 ${code} nope`,
      );
    expect(classifyInbound(await bounce('5.7.1'), context).findings[0]?.kind).toBe('soft-bounce');
    expect(classifyInbound(await bounce('5.2.1'), context).findings[0]?.kind).toBe('hard-bounce');
  });
});
