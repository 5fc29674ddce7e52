import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKyselyStore } from '../../src/subscribers/create-kysely-store.ts';
import { importCsv } from '../../src/subscribers/import-csv.ts';
import type { ImportCsvOptions } from '../../src/subscribers/import-csv.ts';
import { mapCsvColumns } from '../../src/subscribers/map-csv-columns.ts';
import { parseTimeZone } from '../../src/subscribers/parse-time-zone.ts';
import type { SubscriberStore } from '../../src/subscribers/subscriber-store.ts';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';

const CONFIG: ImportCsvOptions['config'] = {
  consentVersion: 'test-v1',
  categories: [],
  lists: [
    { id: 'daily', name: { ko: '데일리', en: 'Daily' }, locales: ['ko', 'en', 'bilingual'], categories: [] },
  ],
};

describe('parseTimeZone', () => {
  it('takes IANA names in any case and returns them as Intl spells them', () => {
    expect(parseTimeZone(' asia/seoul ')).toBe('Asia/Seoul');
    expect(parseTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(parseTimeZone('US/Pacific')).toBe('America/Los_Angeles');
    expect(parseTimeZone('UTC')).toBe('UTC');
    expect(parseTimeZone('')).toBeUndefined();
  });

  it.each(['Asia/Seol', '+09:00', 'KST 9', 'Europe/../etc'])(
    'refuses %s, naming the field and examples',
    (zone) => {
      expect(() => parseTimeZone(zone)).toThrow(/is not an IANA time zone: use a name such as Asia\/Seoul/);
    },
  );

  it('finds the column by its usual names, Korean included', () => {
    for (const header of ['timezone', 'time_zone', 'Time Zone', '시간대', 'TZ'])
      expect(mapCsvColumns(['email', header]).index.time_zone).toBe(1);
  });
});

describe.each(DIALECTS)('a subscriber’s time zone on $name', (dialect) => {
  let database: TestDatabase;
  let store: SubscriberStore;
  beforeAll(async () => {
    if (dialect.available) database = await dialect.create();
  });
  afterAll(async () => {
    if (dialect.available) await database.cleanup();
  });
  beforeEach(async () => {
    if (!dialect.available) return;
    await database.database.db.deleteFrom('consents').execute();
    await database.database.db.deleteFrom('subscribers').execute();
    store = createKyselyStore(database.database.db);
  });
  const input = (email: string, timeZone?: string | null) => ({
    email,
    locale: 'en' as const,
    categories: [],
    lists: ['daily'],
    timeZone,
    consent: { source: 'cli' as const, version: 'v1' },
    confirmed: true,
  });

  describe.skipIf(!dialect.available)('', () => {
    it('is stored, read back, changed by the preferences and reset to the default', async () => {
      const { subscriber } = await store.subscribe(input('berlin@example.com', 'Europe/Berlin'));
      expect(subscriber?.timeZone).toBe('Europe/Berlin');
      expect((await store.subscribe(input('plain@example.com'))).subscriber?.timeZone).toBeNull();
      const uid = subscriber!.uid;
      const prefs = { locale: 'en' as const, categories: [], lists: ['daily'] };
      expect(
        (await store.updatePreferences(uid, { ...prefs, timeZone: 'America/Los_Angeles' }))?.timeZone,
      ).toBe('America/Los_Angeles');
      // Not named: left as it is.
      expect((await store.updatePreferences(uid, prefs))?.timeZone).toBe('America/Los_Angeles');
      expect((await store.updatePreferences(uid, { ...prefs, timeZone: null }))?.timeZone).toBeNull();
      const page = await store.activeSubscribersPage('daily', { afterId: 0, limit: 10 });
      expect(page.subscribers.map((s) => s.timeZone)).toEqual([null, null]);
    });

    it('imports the column (canonical names); an empty cell keeps a known reader’s zone; a bad one names the row', async () => {
      const csv = [
        'email,시간대',
        'seoul@example.com,asia/seoul',
        'la@example.com,US/Pacific',
        'nobody@example.com,',
        'bad@example.com,Mars/Olympus',
      ].join('\n');
      const first = await importCsv(store, Readable.from([Buffer.from(csv)]), {
        config: CONFIG,
        confirmed: true,
      });
      expect(first.invalid).toBe(1);
      expect(JSON.stringify(first)).toMatch(/Mars\/Olympus/);
      const zoneOf = async (email: string) => (await store.findByEmail(email))?.timeZone;
      expect(await zoneOf('seoul@example.com')).toBe('Asia/Seoul');
      expect(await zoneOf('la@example.com')).toBe('America/Los_Angeles');
      expect(await zoneOf('nobody@example.com')).toBeNull();
      // A second import without the column, and one with an empty cell, merge without erasing it.
      await importCsv(store, Readable.from([Buffer.from('email\nseoul@example.com\n')]), {
        config: CONFIG,
        confirmed: true,
      });
      await importCsv(store, Readable.from([Buffer.from('email,timezone\nla@example.com,\n')]), {
        config: CONFIG,
        confirmed: true,
      });
      expect(await zoneOf('seoul@example.com')).toBe('Asia/Seoul');
      expect(await zoneOf('la@example.com')).toBe('America/Los_Angeles');
      // A row that names another zone moves the reader.
      await importCsv(
        store,
        Readable.from([Buffer.from('email,time_zone\nla@example.com,Europe/Berlin\n')]),
        {
          config: CONFIG,
          confirmed: true,
        },
      );
      expect(await zoneOf('la@example.com')).toBe('Europe/Berlin');
    });
  });
});
