import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildRawMessage } from '../../src/mail/build-raw-message.ts';
import type { OutgoingMail } from '../../src/mail/outgoing-mail.ts';
import { toNodemailerMessage } from '../../src/mail/to-nodemailer-message.ts';
import type { Locale } from '../../src/locale.ts';
import { composeMail } from '../../src/send/compose-mail.ts';
import { createDigestRenderer } from '../../src/send/create-digest-renderer.ts';
import { createMimeTemplate } from '../../src/send/create-mime-template.ts';
import { FIXTURE_DATE, makeEdition } from '../fixtures/render/make-items.ts';
import { testConfig } from '../fixtures/test-config.ts';

const config = {
  ...testConfig({
    unsubscribeMailto: 'unsubscribe@gazette.example',
    send: { verpDomain: 'bounce.gazette.example' },
  }),
  secret: 'compose-mime-secret-0123456789abcdef0123',
};
const list = config.lists[0]!;
const renderer = createDigestRenderer(config);
// Today's composer: nodemailer builds the whole message from the OutgoingMail.
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
const today = async (mail: OutgoingMail) =>
  (await composer.sendMail(toNodemailerMessage(mail))).message as Buffer;

/** Names whose byte lengths fall on every offset modulo three, escaping, Hangul, none at all. */
const RECIPIENTS = [
  { email: 'kim@example.com', name: '김철수' },
  { email: 'lee@example.com', name: undefined },
  { email: 'amp@example.com', name: 'A & <B> "C"' },
  { email: 'one@example.com', name: 'x' },
  { email: 'two@example.com', name: 'xy' },
  { email: 'idn@exämple.com', name: 'Zoë' },
  { email: 'ctl@example.com', name: 'tab\there' },
];

async function pair(locale: Locale, items: number, advertising: boolean) {
  const rendered = await renderer.render(makeEdition(items, config), list, locale);
  const template = createMimeTemplate(rendered);
  return Promise.all(
    RECIPIENTS.map(async (reader, i) => {
      const recipient = { token: `t${'k'.repeat(i)}.mac_-${i}`, name: reader.name };
      const mail = composeMail({
        config,
        list,
        edition: { date: FIXTURE_DATE, advertising },
        recipient: { subscriberId: String(100 + i), email: reader.email },
        digest: renderer.personalize(rendered, recipient),
        unsubscribeUrl: renderer.unsubscribeUrl(recipient.token),
      });
      const composed = await today(mail);
      const raw = await buildRawMessage({ ...mail, mime: template.body(recipient) }, { compose: today });
      return { reader, composed, raw };
    }),
  );
}

/** Every header but the ones that differ by construction (the time, the random boundary). */
function headersOf(parsed: ParsedMail) {
  return [...parsed.headers.entries()]
    .filter(([key]) => key !== 'date' && key !== 'content-type')
    .sort(([a], [b]) => a.localeCompare(b));
}

function partsOf(raw: Buffer) {
  const text = raw.toString('latin1');
  return [...text.matchAll(/\r\nContent-Type: ([^\r\n]+)\r\nContent-Transfer-Encoding: ([^\r\n]+)\r\n/g)].map(
    (m) => `${m[1]} | ${m[2]}`,
  );
}

describe('the MIME template against nodemailer composing each message', () => {
  it.each([
    ['bilingual', 12, false],
    ['ko', 30, true],
    ['en', 3, false],
  ] as const)(
    '%s, %i items: the same message for every recipient, parsed back',
    async (locale, items, ads) => {
      for (const { reader, composed, raw } of await pair(locale, items, ads)) {
        const [want, got] = await Promise.all([simpleParser(composed), simpleParser(raw.bytes)]);
        expect(got.text, reader.email).toBe(want.text);
        expect(got.html, reader.email).toBe(want.html);
        expect(got.subject).toBe(want.subject);
        expect(headersOf(got)).toEqual(headersOf(want));
        expect(got.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
        expect(got.date).toBeInstanceOf(Date);
        // Same structure and encodings: text then HTML, both UTF-8 base64.
        expect(partsOf(raw.bytes)).toEqual(partsOf(composed));
        expect(partsOf(raw.bytes)).toEqual([
          'text/plain; charset=utf-8 | base64',
          'text/html; charset=utf-8 | base64',
        ]);
        expect(got.attachments).toEqual([]);
        // The envelope nodemailer would have used (VERP sender).
        expect(raw.envelope).toEqual({ from: mail(reader.email).verp, to: [reader.email] });
        expect(raw.messageId).toBe(want.messageId);
        const lines = raw.bytes.toString('latin1').split('\r\n');
        // RFC 5322 §2.1.1: no line over 998; RFC 2045 §6.8: base64 lines of at most 76.
        expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(998);
        const body = raw.bytes.toString('latin1');
        const base64Lines = body
          .slice(body.indexOf('\r\n\r\n'))
          .split('\r\n')
          .filter((line) => /^[A-Za-z0-9+/]+=*$/.test(line));
        expect(Math.max(...base64Lines.map((line) => line.length))).toBeLessThanOrEqual(76);
        // No bare CR or LF anywhere; padding only at the end of each part.
        expect(/\r(?!\n)|(?<!\r)\n/.test(body)).toBe(false);
        expect(base64Lines.filter((line) => line.includes('=')).length).toBeLessThanOrEqual(2);
      }
    },
  );

  it('decodes each part to exactly the personalized digest (no byte lost at a slot)', async () => {
    const rendered = await renderer.render(makeEdition(12, config), list, 'bilingual');
    const template = createMimeTemplate(rendered);
    for (const name of ['', 'a', 'ab', 'abc', '홍길동', '🎉']) {
      const recipient = { token: 'abc.def', name: name || undefined };
      const expected = renderer.personalize(rendered, recipient);
      const body = Buffer.concat(template.body(recipient).chunks).toString('latin1');
      const parts = body.split(/\r\n\r\n/).slice(1);
      const decode = (part: string) => Buffer.from(part.split('\r\n--')[0]!.replace(/\r\n/g, ''), 'base64');
      expect(decode(parts[0]!).toString('utf8')).toBe(expected.text);
      expect(decode(parts[1]!).toString('utf8')).toBe(expected.html);
    }
  });

  it('refuses a header value with a line break, as the composer does', async () => {
    const rendered = await renderer.render(makeEdition(3, config), list, 'en');
    const recipient = { token: 'abc.def' };
    const mail = composeMail({
      config: { ...config, from: { ...config.from, name: 'Gazette\r\nBcc: victim@example.com' } },
      list,
      edition: { date: FIXTURE_DATE, advertising: false },
      recipient: { subscriberId: '1', email: 'reader@example.com' },
      digest: renderer.personalize(rendered, recipient),
      unsubscribeUrl: renderer.unsubscribeUrl(recipient.token),
    });
    const mime = createMimeTemplate(rendered).body(recipient);
    await expect(buildRawMessage({ ...mail, mime }, { compose: today })).rejects.toMatchObject({
      code: 'HEADER_INJECTION',
    });
  });
});

function mail(email: string) {
  const at = email.lastIndexOf('@');
  return { verp: `bounce+${email.slice(0, at)}=${email.slice(at + 1)}@bounce.gazette.example` };
}
