import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import type { TestDatabase } from '../helpers/databases.ts';
import { cliWorkspace } from './cli-harness.ts';

describe.each(DIALECTS)('subscribers add --timezone, import and export on $name', (dialect) => {
  let test: TestDatabase | undefined;
  let cli: ReturnType<typeof cliWorkspace> | undefined;
  afterEach(async () => {
    cli?.cleanup();
    await test?.cleanup();
  });

  describe.skipIf(!dialect.available)('', () => {
    it('stores the zone given, refuses one Intl does not know, and exports it (CSV and JSON)', async () => {
      test = await dialect.create();
      cli = cliWorkspace(test);
      const added = await cli.run([
        'subscribers',
        'add',
        'la@example.com',
        '--confirmed',
        '--timezone',
        'us/pacific',
      ]);
      expect(added.code, added.err).toBe(0);
      const bad = await cli.run([
        'subscribers',
        'add',
        'x@example.com',
        '--confirmed',
        '--timezone',
        'Seoul',
      ]);
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/time zone "Seoul" is not an IANA time zone/);
      expect((await cli.run(['subscribers', 'add', 'plain@example.com', '--confirmed'])).code).toBe(0);

      const csv = await cli.run(['subscribers', 'export']);
      const lines = csv.out.trim().split('\n');
      expect(lines[0]).toBe(
        'email,name,locale,categories,lists,status,created_at,ad_consent,consented_at,time_zone',
      );
      expect(lines[1]).toMatch(/^la@example\.com,.*,America\/Los_Angeles$/);
      expect(lines[2]).toMatch(/^plain@example\.com,.*,$/);
      const json = JSON.parse((await cli.run(['subscribers', 'export', '--format', 'json'])).out) as {
        timeZone: string | null;
      }[];
      expect(json.map((s) => s.timeZone)).toEqual(['America/Los_Angeles', null]);
      expect(bad.out).toBe('');
    });
  });
});
