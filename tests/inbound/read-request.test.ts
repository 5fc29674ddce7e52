import { describe, expect, it } from 'vitest';
import { classifyInbound } from '../../src/inbound/classify-inbound.ts';
import { parseInbound } from '../../src/inbound/parse-inbound.ts';
import { readSubscribeWishes } from '../../src/inbound/read-subscribe-wishes.ts';

const DOMAIN = 'in.news.example';
const CATEGORIES = [
  { id: 'tech', label: { ko: '기술', en: 'Technology' } },
  { id: 'ai', label: { ko: '인공지능', en: 'AI' } },
];

const mail = (headers: string[], body = '') =>
  parseInbound(
    Buffer.from([...headers, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n')),
  );
const classify = async (raw: Awaited<ReturnType<typeof mail>>, rcptTo: string[], mailFrom = 'a@b.example') =>
  classifyInbound(raw, {
    mailFrom,
    isOurs: () => false,
    requestDomain: DOMAIN,
    rcptTo,
    categories: CATEGORIES,
  });

describe('requests by mail: the recogniser', () => {
  it('reads the envelope recipient: token, plain, subscribe and subscribe+LIST, any case', async () => {
    const m = await mail(['From: Reader <Reader@B.example>', 'Subject: unsubscribe']);
    expect((await classify(m, [`unsubscribe+abc-def@${DOMAIN}`])).request).toMatchObject({
      action: 'unsubscribe',
      token: 'abc-def',
      from: 'reader@b.example',
      automatic: false,
    });
    expect((await classify(m, [`UNSUBSCRIBE@${DOMAIN.toUpperCase()}`])).request).toMatchObject({
      action: 'unsubscribe',
      token: undefined,
    });
    expect((await classify(m, [`subscribe+Daily@${DOMAIN}`])).request).toMatchObject({
      action: 'subscribe',
      listId: 'daily',
    });
    expect((await classify(m, [`subscribe@elsewhere.example`])).kind).toBe('unrecognised');
  });

  it('uses To/Cc only when no envelope was recorded, and bounces stay bounces', async () => {
    const m = await mail([`From: r@b.example`, `To: subscribe@${DOMAIN}`, 'Subject: hi']);
    expect((await classify(m, [])).request?.action).toBe('subscribe');
    expect((await classify(m, [`bounce+x=y.example@${DOMAIN}`])).kind).not.toBe('request');
    const bounce = await mail(
      [
        'From: MAILER-DAEMON@mx.example',
        `To: subscribe@${DOMAIN}`,
        'Subject: Undelivered Mail Returned to Sender',
      ],
      '<r@b.example>: 550 5.1.1 User unknown',
    );
    expect((await classify(bounce, [`subscribe@${DOMAIN}`], '')).kind).toBe('bounce');
  });

  it('marks auto-submitted mail (applied by token, never answered)', async () => {
    const m = await mail(['From: r@b.example', 'Auto-Submitted: auto-replied', 'Subject: unsubscribe']);
    expect((await classify(m, [`unsubscribe+t@${DOMAIN}`])).request?.automatic).toBe(true);
  });

  it('reads language and topics from the subject and the first lines the reader typed', () => {
    const read = (subject: string, text = '') => readSubscribeWishes({ subject, text }, CATEGORIES);
    expect(read('구독')).toEqual({ locale: 'ko', categories: [] });
    expect(read('subscribe', 'Technology and AI please')).toEqual({
      locale: 'en',
      categories: ['tech', 'ai'],
    });
    expect(read('subscribe', 'both languages, tech')).toEqual({ locale: 'bilingual', categories: ['tech'] });
    expect(read('구독', '둘 다 인공지능')).toEqual({ locale: 'bilingual', categories: ['ai'] });
    // Quoted text and a signature are not the reader's words; "said" is not "ai".
    expect(read('subscribe', 'she said so\r\n> 기술\r\n-- \r\nTechnology Inc.')).toEqual({
      locale: 'en',
      categories: [],
    });
    expect(read('', '')).toEqual({ locale: undefined, categories: [] });
  });
});
