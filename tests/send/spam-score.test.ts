import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/databases.ts';
import { SPAMASSASSIN, spamScore } from '../helpers/spamassassin.ts';
import { subscriber } from './send-fixture.ts';
import { useSendSuite } from './send-harness.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
const SLOW = 120_000;

/**
 * The digest as a receiving server's content filter scores it: SpamAssassin's local rules, on the
 * exact bytes Gazette put on the wire. A well-made newsletter scores at or below 1.0; rules that
 * bite newsletters (MPART_ALT_DIFF: a text part that says something else than the HTML;
 * HTML_FONT_LOW_CONTRAST: hidden preheader filler; MIME_HTML_MOSTLY) would show here by name.
 */
describe.skipIf(SPAMASSASSIN === undefined)('digest spam score (SpamAssassin, local rules)', () => {
  const suite = useSendSuite(sqlite);

  it('the scorer is live: the GTUBE test string scores as spam', async () => {
    const gtube = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';
    const raw = Buffer.from(
      `From: a@example.com\r\nTo: b@example.com\r\nSubject: test\r\nMessage-ID: <1@example.com>\r\n` +
        `Date: Thu, 03 Dec 2026 07:00:00 +0900\r\n\r\n${gtube}\r\n`,
    );
    const { score, rules } = await spamScore(raw);
    expect(score).toBeGreaterThan(5);
    expect(rules.some((r) => r.startsWith('GTUBE'))).toBe(true);
  });

  it.each([
    ['a news edition', false],
    ['an advertising edition ((광고) subject, sponsored item)', true],
  ])(
    '%s scores at most 1.0 in every locale',
    async (_name, sponsored) => {
      const harness = await suite.harness({}, { sponsored });
      await harness.store.importBatch([
        subscriber('ko.reader@example.com', 'ko', [], { adConsent: sponsored }),
        subscriber('en.reader@example.com', 'en', [], { adConsent: sponsored }),
        subscriber('both.reader@example.com', 'bilingual', [], { adConsent: sponsored }),
      ]);
      const summary = await harness.send();
      expect(summary.sent).toBe(3);
      expect(suite.sink.received).toHaveLength(3);
      for (const mail of suite.sink.received) {
        const { score, rules } = await spamScore(mail.raw);
        expect(score, `${mail.envelope.to.join(', ')}: ${rules.join(', ')}`).toBeLessThanOrEqual(1.0);
      }
    },
    SLOW,
  );
});
