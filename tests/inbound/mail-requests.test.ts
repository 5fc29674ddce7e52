import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import type { ReceivedMail } from '../helpers/smtp-sink.ts';
import { createMailRequestWorld, readerMail, REQUEST_DOMAIN, SPF_DOMAIN } from './mail-requests-world.ts';
import type { MailRequestWorld } from './mail-requests-world.ts';

const SUBSCRIBE = `subscribe@${REQUEST_DOMAIN}`;
const UNSUBSCRIBE = `unsubscribe@${REQUEST_DOMAIN}`;

describe.each(DIALECTS)('requests by mail on $name', (dialect) => {
  let world: MailRequestWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });
  const open = async (extra: { changeResults?: boolean; perDomainPerHour?: number } = {}) => {
    world = await createMailRequestWorld(dialect, extra);
    return world;
  };
  const subscriberOf = async (w: MailRequestWorld, email: string) => w.send.store.findByEmail(email);
  const textOf = (mail: ReceivedMail | undefined) => mail?.parsed.text ?? '';

  it.skipIf(!dialect.available)(
    'joins in Korean by mail, confirms, gets an edition, leaves by its List-Unsubscribe mailto',
    async () => {
      const w = await open();
      const reader = 'minji@mail.example';
      const reply = await w.mail(
        await readerMail({
          from: `김민지 <${reader}>`,
          to: SUBSCRIBE,
          subject: '구독 신청합니다',
          body: '기술 소식을 받아 보고 싶어요.\r\n\r\n-- \r\n김민지',
          messageId: '<join-1@mail.example>',
        }),
        SUBSCRIBE,
        reader,
      );
      expect(reply).toMatch(/^250 /);

      // A Korean confirmation that says what was read from the mail; nothing else yet.
      const [confirmation] = await w.waitForMails(reader, 1);
      expect(confirmation?.parsed.subject).toBe('가제트 데일리 구독을 확인해 주세요');
      expect(textOf(confirmation)).toContain('언어: 한국어');
      expect(textOf(confirmation)).toContain('주제: 기술');
      expect(textOf(confirmation)).not.toMatch(/Confirm your subscription/);
      const pending = await subscriberOf(w, reader);
      expect(pending).toMatchObject({
        status: 'pending',
        locale: 'ko',
        categories: ['tech'],
        lists: ['daily'],
      });
      const [consent] = await w.send.store.consents(pending!.id);
      expect(consent).toMatchObject({ source: 'email', messageId: '<join-1@mail.example>' });
      expect(consent?.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(consent?.authResults).toContain('dkim=none');

      // The reader clicks: the page's button POSTs.
      const link = /https:\/\/news\.example\/confirm\/[A-Za-z0-9_.-]+/.exec(textOf(confirmation))?.[0];
      expect(link).toBeDefined();
      const confirmed = await w.web.app.fetch(
        new Request(link!, { method: 'POST', headers: { origin: 'https://news.example' } }),
      );
      expect(confirmed.status).toBe(200);
      expect((await subscriberOf(w, reader))?.status).toBe('active');
      const [, welcome] = await w.waitForMails(reader, 2);
      // Asia/Seoul: the welcome carries the result notice (정보통신망법 §50⑦).
      expect(textOf(welcome)).toMatch(/가제트 데일리는 .+에 .*구독 신청\(수신 동의\)의 확인을 처리했습니다/);

      // An edition, with this reader's own mailto in List-Unsubscribe.
      const summary = await w.sendEdition();
      expect(summary.lists[0]?.sent).toBe(1);
      const mails = await w.mailsTo(reader);
      const edition = mails[2];
      const head = (edition?.raw.toString('utf8') ?? '').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
      const header = /^List-Unsubscribe: (.*)$/im.exec(head)?.[1] ?? '';
      const mailto = /<mailto:([^>?]+)\?subject=unsubscribe>/.exec(header)?.[1];
      expect(mailto).toMatch(new RegExp(`^unsubscribe\\+[a-z2-7]{26}-[a-z2-7]{16}@${REQUEST_DOMAIN}$`));
      expect(mailto!.split('@')[0]!.length).toBeLessThanOrEqual(64);

      // The mail client sends to it, from another address even: the 250 comes once it is applied.
      const left = await w.mail(
        await readerMail({ from: 'forwarder@elsewhere.example', to: mailto!, subject: 'unsubscribe' }),
        mailto!,
        'forwarder@elsewhere.example',
      );
      expect(left).toMatch(/^250 /);
      expect((await subscriberOf(w, reader))?.status).toBe('unsubscribed');
      const consents = await w.send.store.consents(pending!.id);
      expect(consents.at(-1)).toMatchObject({ unsubscribeSource: 'mail' });

      // One short notice, in Korean, of what was done and when; a repeat changes and sends nothing.
      const [, , , notice] = await w.waitForMails(reader, 4);
      expect(notice?.parsed.subject).toBe('가제트 데일리 수신 동의 처리 결과 안내');
      expect(textOf(notice)).toMatch(/가제트 데일리는 2026년|가제트 데일리는 \d{4}년/);
      expect(textOf(notice)).toContain('메일로 받은 요청에 따라 수신 거부(구독 취소) 요청을 처리했습니다');
      await w.mail(
        await readerMail({ from: `<${reader}>`, to: mailto!, subject: 'unsubscribe' }),
        mailto!,
        reader,
      );
      expect(await w.mailsTo(reader)).toHaveLength(4);
      const again = await w.sendEdition();
      expect(again.lists[0]?.sent ?? 0).toBe(0);
    },
    60_000,
  );

  it.skipIf(!dialect.available)(
    'a forged From to plain unsubscribe@ changes nothing; the subscriber gets their own link, a stranger nothing',
    async () => {
      const w = await open();
      const victim = 'victim@mail.example';
      await w.send.store.subscribe({
        email: victim,
        locale: 'en',
        categories: [],
        lists: ['daily'],
        consent: { source: 'form', version: 'v1' },
        confirmed: true,
      });
      const forged = await readerMail({ from: victim, to: UNSUBSCRIBE, subject: 'unsubscribe' });
      expect(await w.mail(forged, UNSUBSCRIBE, 'attacker@bad.example')).toMatch(/^250 /);
      const stranger = await readerMail({
        from: 'nobody@mail.example',
        to: UNSUBSCRIBE,
        subject: 'unsubscribe',
      });
      await w.mail(stranger, UNSUBSCRIBE, 'nobody@mail.example');
      expect((await subscriberOf(w, victim))?.status).toBe('active');
      const [link] = await w.waitForMails(victim, 1);
      expect(link?.parsed.subject).toBe('Gazette Daily: your unsubscribe link');
      expect(textOf(link)).toMatch(/https:\/\/news\.example\/unsubscribe\/[A-Za-z0-9_.-]+/);
      expect(await w.mailsTo('nobody@mail.example')).toHaveLength(0);
      // A second forged mail the same day gets no second reply.
      await w.mail(
        await readerMail({ from: victim, to: UNSUBSCRIBE, subject: 'unsubscribe now' }),
        UNSUBSCRIBE,
        'attacker@bad.example',
      );
      expect(await w.mailsTo(victim)).toHaveLength(1);

      // Signed by the reader's provider (DMARC-aligned DKIM): unsubscribed, and told so.
      const signed = await readerMail({ from: victim, to: UNSUBSCRIBE, subject: 'unsubscribe', sign: true });
      expect(await w.mail(signed, UNSUBSCRIBE, victim)).toMatch(/^250 /);
      expect((await subscriberOf(w, victim))?.status).toBe('unsubscribed');
      const [, notice] = await w.waitForMails(victim, 2);
      expect(notice?.parsed.subject).toBe('Gazette Daily: your subscription change is done');
      expect(textOf(notice)).toContain('processed your unsubscription on');
    },
    60_000,
  );

  it.skipIf(!dialect.available)(
    '100 subscribe mails naming one victim send one confirmation; automatic and null-sender mail none',
    async () => {
      const w = await open();
      const victim = 'target@mail.example';
      for (let i = 0; i < 100; i += 1) {
        const raw = await readerMail({ from: victim, to: SUBSCRIBE, subject: `subscribe ${i}` });
        expect(await w.mail(raw, SUBSCRIBE, 'flood@bad.example')).toMatch(/^250 /);
      }
      expect(await w.mailsTo(victim)).toHaveLength(1);
      expect((await subscriberOf(w, victim))?.status).toBe('pending');

      const robot = 'robot@mail.example';
      await w.mail(
        await readerMail({
          from: robot,
          to: SUBSCRIBE,
          subject: 'subscribe',
          headers: ['Auto-Submitted: auto-replied'],
        }),
        SUBSCRIBE,
        robot,
      );
      const nullSender = 'bounced@mail.example';
      await w.mail(
        await readerMail({ from: nullSender, to: SUBSCRIBE, subject: 'subscribe' }),
        SUBSCRIBE,
        '',
      );
      expect(await w.mailsTo(robot)).toHaveLength(0);
      expect(await w.mailsTo(nullSender)).toHaveLength(0);
      expect(await subscriberOf(w, robot)).toBeUndefined();
      expect(await subscriberOf(w, nullSender)).toBeUndefined();
    },
    120_000,
  );

  it.skipIf(!dialect.available)(
    'English and bilingual requests, topics from labels and ids in either language, subscribe+LIST',
    async () => {
      const w = await open();
      await w.mail(
        await readerMail({
          from: 'ann@mail.example',
          to: SUBSCRIBE,
          subject: 'Subscribe',
          body: 'Please add me: Business and policy news.\r\n> 구독 quoted text is not mine',
        }),
        SUBSCRIBE,
        'ann@mail.example',
      );
      await w.mail(
        await readerMail({
          from: 'jun@mail.example',
          to: `subscribe+daily@${REQUEST_DOMAIN}`,
          subject: '구독 둘 다',
          body: '기술, 정책',
        }),
        `subscribe+daily@${REQUEST_DOMAIN}`,
        'jun@mail.example',
      );
      await w.mail(
        await readerMail({
          from: 'sam@mail.example',
          to: `subscribe+weekly@${REQUEST_DOMAIN}`,
          subject: 'subscribe',
        }),
        `subscribe+weekly@${REQUEST_DOMAIN}`,
        'sam@mail.example',
      );
      const [ann] = await w.waitForMails('ann@mail.example', 1);
      const [jun] = await w.waitForMails('jun@mail.example', 1);
      expect(await subscriberOf(w, 'ann@mail.example')).toMatchObject({
        locale: 'en',
        categories: ['business', 'policy'],
      });
      expect(ann?.parsed.subject).toBe('Please confirm your Gazette Daily subscription');
      expect(textOf(ann)).toContain('Topics: Business, Policy');
      expect(await subscriberOf(w, 'jun@mail.example')).toMatchObject({
        locale: 'bilingual',
        categories: ['policy', 'tech'],
      });
      expect(jun?.parsed.subject).toBe(
        '가제트 데일리 구독을 확인해 주세요 / Please confirm your Gazette Daily subscription',
      );
      expect(textOf(jun)).toContain('언어: 한국어와 영어');
      // An unknown list: refused, nothing stored or sent.
      expect(await w.mailsTo('sam@mail.example')).toHaveLength(0);
      expect(await subscriberOf(w, 'sam@mail.example')).toBeUndefined();
    },
    60_000,
  );

  it.skipIf(!dialect.available)(
    'a one-click unsubscribe sends one result notice, however often it is posted',
    async () => {
      const w = await open();
      const { subscriber } = await w.send.store.subscribe({
        email: 'web@mail.example',
        locale: 'ko',
        categories: [],
        lists: ['daily'],
        consent: { source: 'form', version: 'v1' },
        confirmed: true,
      });
      const { manageToken } = await import('../../src/subscribers/tokens.ts');
      const url = `https://news.example/unsubscribe/${manageToken(w.config.secret!, subscriber!)}`;
      const oneClick = () =>
        w.web.app.fetch(
          new Request(url, {
            method: 'POST',
            body: 'List-Unsubscribe=One-Click',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          }),
        );
      expect((await oneClick()).status).toBe(200);
      expect((await oneClick()).status).toBe(200);
      const mails = await w.waitForMails('web@mail.example', 1);
      expect(mails).toHaveLength(1);
      expect(textOf(mails[0])).toContain('메일 프로그램의 구독 취소 버튼으로 받은 요청에 따라');
    },
    60_000,
  );

  it.skipIf(!dialect.available)(
    'SPF-aligned unsubscribe@, the per-domain cap, a complainer comes back only by confirming, automatic mail unanswered',
    async () => {
      const w = await open({ perDomainPerHour: 3 });
      const add = async (email: string) =>
        (
          await w.send.store.subscribe({
            email,
            locale: 'en',
            categories: [],
            lists: ['daily'],
            consent: { source: 'form', version: 'v1' },
            confirmed: true,
          })
        ).subscriber!;
      // SPF passes for the envelope's domain, aligned with From: unsubscribed without a signature.
      const spf = `reader@${SPF_DOMAIN}`;
      await add(spf);
      await w.mail(
        await readerMail({ from: spf, to: UNSUBSCRIBE, subject: 'unsubscribe' }),
        UNSUBSCRIBE,
        spf,
      );
      expect((await subscriberOf(w, spf))?.status).toBe('unsubscribed');
      // The same From with another envelope domain is not aligned: only the link goes out.
      const other = `other@${SPF_DOMAIN}`;
      await add(other);
      await w.mail(
        await readerMail({ from: other, to: UNSUBSCRIBE, subject: 'unsubscribe' }),
        UNSUBSCRIBE,
        'x@bad.example',
      );
      expect((await subscriberOf(w, other))?.status).toBe('active');

      // Two authors, one of them SPF-verified: not the other's verification (RFC 7489 §6.6.1).
      const victim = await add('two-authors@mail.example');
      await w.mail(
        await readerMail({
          from: `${victim.email}, attacker@${SPF_DOMAIN}`,
          to: UNSUBSCRIBE,
          subject: 'unsubscribe',
        }),
        UNSUBSCRIBE,
        `attacker@${SPF_DOMAIN}`,
      );
      expect((await subscriberOf(w, victim.email))?.status).toBe('active');

      // A token mail that is automatic still unsubscribes, and is not answered.
      const quiet = await add('quiet@elsewhere.example');
      const { listUnsubscribeMailto } = await import('../../src/subscribers/list-unsubscribe-mailto.ts');
      const mailto = listUnsubscribeMailto(w.config, quiet, 'daily')!.replace(/\?.*$/, '');
      await w.mail(
        await readerMail({
          from: quiet.email,
          to: mailto,
          subject: 'unsubscribe',
          headers: ['Auto-Submitted: auto-generated'],
        }),
        mailto,
        quiet.email,
      );
      expect((await subscriberOf(w, quiet.email))?.status).toBe('unsubscribed');
      expect(await w.mailsTo(quiet.email)).toHaveLength(0);

      // Five different addresses at one domain within the hour: three confirmations (the cap).
      for (let i = 0; i < 5; i += 1) {
        const from = `person${i}@flood.example`;
        await w.mail(await readerMail({ from, to: SUBSCRIBE, subject: 'subscribe' }), SUBSCRIBE, from);
      }
      await w.mailsTo('');
      const flood = w.sink.received.filter((m) => m.envelope.to[0]?.endsWith('@flood.example'));
      expect(flood).toHaveLength(3);

      // A complainer asking by mail gets a new confirmation and stays pending until they click.
      const complainer = await add('angry@elsewhere.example');
      await w.send.store.markComplained(complainer.id);
      await w.mail(
        await readerMail({ from: complainer.email, to: SUBSCRIBE, subject: 'subscribe' }),
        SUBSCRIBE,
        complainer.email,
      );
      const mails = await w.waitForMails(complainer.email, 1);
      expect(mails[0]?.parsed.subject).toBe('Please confirm your Gazette Daily subscription');
      expect((await subscriberOf(w, complainer.email))?.status).toBe('pending');
    },
    60_000,
  );
});
