import { describe, expect, it } from 'vitest';
import { isGazetteError } from '../../src/errors.ts';
import {
  parseAdConsent,
  parseConsentedAt,
  requireConfirmedConsent,
} from '../../src/subscribers/parse-consent-fields.ts';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isGazetteError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('ad_consent and consented_at cells', () => {
  it('reads yes and no in both languages; an empty cell is no answer', () => {
    for (const yes of ['yes', 'YES', 'true', '1', '예', '네', 'Y']) expect(parseAdConsent(yes)).toBe(true);
    for (const no of ['no', 'false', '0', '아니오', '아니요', 'N']) expect(parseAdConsent(no)).toBe(false);
    expect(parseAdConsent('  ')).toBeUndefined();
    expect(refusal(() => parseAdConsent('maybe'))).toMatchObject({
      code: 'SUBSCRIBER_INVALID',
      message: expect.stringMatching(/yes\/no, true\/false, 1\/0 or 예\/아니오/),
    });
  });

  it('takes a date as the start of that day in the newsletter’s zone, an instant as it is', () => {
    const now = new Date('2026-12-04T00:00:00Z');
    expect(parseConsentedAt('2024-12-04', 'Asia/Seoul', now)).toBe('2024-12-03T15:00:00.000Z');
    expect(parseConsentedAt('2024-12-04', 'America/Los_Angeles', now)).toBe('2024-12-04T08:00:00.000Z');
    expect(parseConsentedAt('2024-12-04T09:30:00+09:00', 'UTC', now)).toBe('2024-12-04T00:30:00.000Z');
    expect(parseConsentedAt('', 'UTC', now)).toBeUndefined();
    for (const bad of ['2024-02-30', '04.12.2024', '2024-12-04T09:30', 'yesterday']) {
      expect(refusal(() => parseConsentedAt(bad, 'UTC', now)).message).toMatch(/not an ISO 8601 date/);
    }
    expect(refusal(() => parseConsentedAt('2026-12-05', 'UTC', now)).message).toMatch(/in the future/);
  });

  it('a consent given elsewhere needs --confirmed; a "no" does not', () => {
    const names = { adConsent: 'ad_consent', consentedAt: 'consented_at' };
    expect(() => requireConfirmedConsent({ adConsent: false }, false, names)).not.toThrow();
    expect(() => requireConfirmedConsent({ adConsent: true, consentedAt: 'x' }, true, names)).not.toThrow();
    expect(
      refusal(() => requireConfirmedConsent({ adConsent: true, consentedAt: 'x' }, false, names)).message,
    ).toMatch(/^ad_consent and consented_at: a consent given elsewhere is taken only with --confirmed/);
  });
});
