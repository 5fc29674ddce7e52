import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import { subscriber } from './send-fixture.ts';
import { useSendSuite } from './send-harness.ts';

// 정보통신망법 §50: the sponsored item is in `policy`. A segment whose topics leave it out gets a
// plain news digest: no ad consent needed, no (광고) in its subject.
describe.each(DIALECTS)('advertising per segment on $name', (dialect) => {
  const suite = useSendSuite(dialect);

  describe.skipIf(!dialect.available)('', () => {
    it('decides advertising by the segment’s share of the edition, in planning, at claim time and in the subject', async () => {
      const harness = await suite.harness({}, { sponsored: true });
      await harness.store.importBatch([
        subscriber('tech-no-ads@example.com', 'en', ['tech']),
        subscriber('tech-ads@example.com', 'ko', ['tech'], { adConsent: true }),
        subscriber('tech-withdraws@example.com', 'en', ['tech', 'business'], { adConsent: true }),
        subscriber('all-no-ads@example.com', 'en'),
        subscriber('all-ads@example.com', 'en', [], { adConsent: true }),
      ]);
      const plan = await harness.plan();
      expect(plan.noAdConsent).toBe(1);
      expect(plan.segments.map((s) => [s.key, s.advertising])).toEqual([
        ['en:', true],
        ['en:business,tech', false],
        ['en:tech', false],
        ['ko:tech', false],
      ]);
      // Withdrawing ad consent after planning changes nothing for a segment without ads.
      const withdraws = (await harness.store.findByEmail('tech-withdraws@example.com'))!;
      await harness.store.updatePreferences(withdraws.uid, { ...withdraws, adConsent: false });

      const summary = await harness.send();
      expect(summary).toMatchObject({ advertising: true, sent: 4, skipped: 0 });
      const subjects = new Map(suite.sink.received.map((m) => [m.envelope.to[0], m.parsed.subject ?? '']));
      expect([...subjects.keys()].sort()).toEqual([
        'all-ads@example.com',
        'tech-ads@example.com',
        'tech-no-ads@example.com',
        'tech-withdraws@example.com',
      ]);
      expect(subjects.get('all-ads@example.com')).toMatch(/^\(광고\) /);
      for (const email of ['tech-ads@example.com', 'tech-no-ads@example.com', 'tech-withdraws@example.com']) {
        expect(subjects.get(email)).not.toContain('광고');
      }
    });
  });
});
