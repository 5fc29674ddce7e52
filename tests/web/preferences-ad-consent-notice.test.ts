import { afterEach, describe, expect, it } from 'vitest';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { SECRET, startWebHarness } from './web-harness.ts';
import type { WebHarness } from './web-harness.ts';

/**
 * 정보통신망법 §50⑦: giving or withdrawing the advertising consent on the preferences page is a
 * change whose result the reader is told, once per change.
 */
describe.each(DIALECTS)('ad consent changed on the preferences page, $name', (dialect) => {
  let h: (WebHarness & { close(): Promise<void> }) | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  describe.skipIf(!dialect.available)('', () => {
    it('sends one result notice per change, in the reader’s language, none for a save without one', async () => {
      // Seconds apart, as two real changes are: each change is its own notice.
      let clock = Date.parse('2026-12-04T09:00:00Z');
      h = await startWebHarness(dialect, { now: () => new Date((clock += 1000)) });
      const { subscriber } = await h.store.subscribe({
        email: 'reader@example.com',
        locale: 'ko',
        categories: [],
        lists: ['daily'],
        consent: { source: 'cli', version: 'v1' },
        confirmed: true,
      });
      const path = `/preferences/${manageToken(SECRET, subscriber!)}`;
      const form = { locale: 'ko', lists: ['daily'] };

      expect((await h.post(path, { ...form, adConsent: 'yes' })).status).toBe(200);
      expect((await h.post(path, { ...form, adConsent: 'yes' })).status).toBe(200);
      let mails = await h.mail();
      expect(mails).toHaveLength(1);
      expect(mails[0]?.envelope.to).toEqual(['reader@example.com']);
      expect(mails[0]?.parsed.headers.get('auto-submitted')).toBe('auto-generated');
      const given = mails[0]?.parsed.text ?? '';
      expect(given).toContain('광고성 정보 수신 동의를 처리했습니다');
      expect(given).toContain('철회할 수 있습니다');
      expect(mails[0]?.parsed.html).toMatch(/lang="ko"/);

      expect((await h.post(path, { ...form })).status).toBe(200);
      mails = await h.mail();
      expect(mails).toHaveLength(2);
      expect(mails[1]?.parsed.text).toContain('광고성 정보 수신 동의의 철회를 처리했습니다');
      expect((await h.store.findByEmail('reader@example.com'))?.adConsent).toBe(false);

      // A save that changes only the language sends nothing more.
      expect((await h.post(path, { locale: 'en', lists: ['daily'] })).status).toBe(200);
      expect(await h.mail()).toHaveLength(2);
    });
  });
});
