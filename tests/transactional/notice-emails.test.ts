import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { changeResultsOn } from '../../src/transactional/change-results-on.ts';
import { renderTransactionalEmail } from '../../src/transactional/render-transactional-email.ts';

const config = {
  name: { ko: '가제트 데일리', en: 'Gazette Daily' },
  from: { name: 'Gazette Daily', email: 'digest@gazette.example' },
  postalAddress: '12 Sejong-daero, Seoul',
};

describe('result notices and the unsubscribe-link reply (react-email)', () => {
  it('a bilingual notice says who, when and what, each language in its own block', async () => {
    const mail = await renderTransactionalEmail(config, {
      kind: 'notice',
      locale: 'bilingual',
      change: 'left-list',
      via: 'mail',
      when: { ko: '2026년 12월 4일 10:31 GMT+9', en: '4 December 2026, 10:31 GMT+9' },
      lists: { ko: '데일리', en: 'Daily' },
      subscribeUrl: 'https://news.example/subscribe',
    });
    expect(mail.subject).toBe(
      '가제트 데일리 수신 동의 처리 결과 안내 / Gazette Daily: your subscription change is done',
    );
    const { document } = parseHTML(mail.html);
    const ko = [...document.querySelectorAll('[lang="ko"]')].map((e) => e.textContent).join(' ');
    const en = [...document.querySelectorAll('[lang="en"]')].map((e) => e.textContent).join(' ');
    // es-hangul josa: 가제트 데일리는 (받침 없음), 거부를.
    expect(ko).toContain(
      '가제트 데일리는 2026년 12월 4일 10:31 GMT+9에 메일로 받은 요청에 따라 데일리 목록의 수신 거부를 처리했습니다.',
    );
    expect(en).toContain(
      'Gazette Daily processed your unsubscription from the Daily list on 4 December 2026',
    );
    expect(mail.text).toContain('https://news.example/subscribe');
  });

  it('the unsubscribe-link reply carries the link and changes nothing by itself', async () => {
    const url = 'https://news.example/unsubscribe/abc.def';
    const mail = await renderTransactionalEmail(config, {
      kind: 'unsubscribe-link',
      locale: 'ko',
      unsubscribeUrl: url,
    });
    expect(mail.subject).toBe('가제트 데일리 구독 취소 링크');
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('아무것도 바뀌지 않습니다');
  });

  it('the confirmation of a request by mail says what was understood', async () => {
    const mail = await renderTransactionalEmail(config, {
      kind: 'confirm',
      locale: 'en',
      confirmUrl: 'https://news.example/confirm/x.y.z',
      expiresInDays: 7,
      understood: { ko: ['언어: 영어'], en: ['Language: English', 'Topics: Technology'] },
    });
    expect(mail.text).toContain('What we read in your mail');
    expect(mail.text).toContain('Topics: Technology');
    expect(mail.text).not.toContain('언어');
  });

  it('notices.changeResults: as set, else on only for Asia/Seoul', () => {
    expect(changeResultsOn({ notices: {}, timeZone: 'Asia/Seoul' })).toBe(true);
    expect(changeResultsOn({ notices: {}, timeZone: 'Europe/Berlin' })).toBe(false);
    expect(changeResultsOn({ notices: { changeResults: false }, timeZone: 'Asia/Seoul' })).toBe(false);
    expect(changeResultsOn({ notices: { changeResults: true }, timeZone: 'America/New_York' })).toBe(true);
  });
});
