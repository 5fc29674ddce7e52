import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { gazetteMigrations } from '../../src/cli/gazette-schema.ts';
import type { Tables } from '../../src/cli/gazette-schema.ts';
import { createEditionStore } from '../../src/editions/edition-store.ts';
import type { PreviewFixture } from './preview-fixture.ts';
import { createPreviewFixture } from './preview-fixture.ts';
import { freezeEditions } from '../archive/freeze-editions.ts';

const SLOW = 120_000;

describe('preview of a sent edition', () => {
  let fx: PreviewFixture;
  beforeAll(async () => {
    fx = await createPreviewFixture({
      'a1.md': {
        id: 'a1',
        date: '2026-03-01',
        title: 'Headline as it was sent',
        summaryEn: 'Summary.',
        categories: ['tech'],
      },
    });
    // As a send would have: the config's default database, with 2026-03-01 frozen for every list.
    const config = await loadConfig({ configPath: path.join(fx.dir, 'gazette.config.json') });
    const database = createDatabase<Tables>(config.databaseUrl, { rootDir: config.rootDir });
    await migrate(database, gazetteMigrations);
    await freezeEditions(createEditionStore(database.db), config, ['2026-03-01']);
    await database.close();
    fx.writeItem('a1.md', {
      id: 'a1',
      date: '2026-03-01',
      title: 'Headline edited later',
      summaryEn: 'Summary.',
      categories: ['tech'],
    });
  }, SLOW);
  afterAll(async () => {
    await fx?.close();
  });

  it(
    'shows the frozen record and says so; the edit made after the send is not in it',
    async () => {
      const page = await (await fetch(`${fx.server.url}/edition/2026-03-01`)).text();
      expect(page).toMatch(/daily: No\. 1 was sent \(frozen /);
      expect(page).toMatch(/techonly: No\. 1 was sent/);
      const raw = await (await fetch(`${fx.server.url}/raw/2026-03-01/daily/en`)).text();
      expect(raw).toContain('Headline as it was sent');
      expect(raw).not.toContain('Headline edited later');
    },
    SLOW,
  );

  it(
    'still lists and shows a sent edition once its items have left the content folder',
    async () => {
      rmSync(path.join(fx.contentDir, 'a1.md'));
      // A new item of another day tells when the preview has reloaded the folder.
      fx.writeItem('b1.md', {
        id: 'b1',
        date: '2026-03-05',
        title: 'A later day',
        summaryEn: 'Summary.',
        categories: ['tech'],
      });
      let index = '';
      for (let i = 0; i < 100 && !index.includes('2026-03-05'); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        index = await (await fetch(`${fx.server.url}/`)).text();
      }
      expect(index).toContain('2026-03-05');
      expect(index).toContain('2026-03-01');
      const page = await fetch(`${fx.server.url}/edition/2026-03-01`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/daily: No\. 1 was sent \(frozen /);
      const raw = await (await fetch(`${fx.server.url}/raw/2026-03-01/daily/en`)).text();
      expect(raw).toContain('Headline as it was sent');
      expect((await fetch(`${fx.server.url}/edition/2026-03-04`)).status).toBe(404);
    },
    SLOW,
  );
});
