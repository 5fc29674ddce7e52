import { afterEach, describe, expect, it } from 'vitest';
import { manageToken } from '../../src/subscribers/tokens.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { SECRET, startWebHarness } from './web-harness.ts';
import type { WebHarness } from './web-harness.ts';

describe.each(DIALECTS)('the preferences page chooses the reader’s time zone on $name', (dialect) => {
  let h: (WebHarness & { close(): Promise<void> }) | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  describe.skipIf(!dialect.available)('', () => {
    it('shows a select of common zones with the current one chosen; saving changes it, empty resets it', async () => {
      h = await startWebHarness(dialect);
      const { subscriber } = await h.store.subscribe({
        email: 'reader@example.com',
        locale: 'en',
        categories: [],
        lists: ['daily'],
        timeZone: 'Pacific/Kiritimati',
        consent: { source: 'cli', version: 'v1' },
        confirmed: true,
      });
      const path = `/preferences/${manageToken(SECRET, subscriber!)}`;
      const page = await (await fetch(`${h.base}${path}`)).text();
      expect(page).toMatch(/<select id="timeZone" name="timeZone"/);
      // Not among the common zones, yet offered and chosen: the reader's own.
      expect(page).toMatch(/<option value="Pacific\/Kiritimati" selected="">/);
      expect(page).toContain('<option value="Europe/Berlin">');
      expect(page).toContain('Asia/Seoul (기본 · default)');
      const form = { locale: 'en', lists: ['daily'] };

      const saved = await h.post(path, { ...form, timeZone: 'Europe/Berlin' });
      expect(saved.status).toBe(200);
      expect(await saved.text()).toMatch(/<option value="Europe\/Berlin" selected="">/);
      expect((await h.store.findByEmail('reader@example.com'))?.timeZone).toBe('Europe/Berlin');

      const bad = await h.post(path, { ...form, timeZone: 'Mars/Olympus' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('Choose a time zone from the list.');
      expect((await h.store.findByEmail('reader@example.com'))?.timeZone).toBe('Europe/Berlin');

      expect((await h.post(path, { ...form, timeZone: '' })).status).toBe(200);
      expect((await h.store.findByEmail('reader@example.com'))?.timeZone).toBeNull();
    });
  });
});
