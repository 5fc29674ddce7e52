import { TZDate } from '@date-fns/tz';
import { isMatch } from 'date-fns';
import { GazetteError } from '../errors.ts';

/** How a spreadsheet or a flag says yes or no to advertising, in both languages. */
const YES = new Set(['yes', 'y', 'true', '1', '예', '네', '동의', 'o']);
const NO = new Set(['no', 'n', 'false', '0', '아니오', '아니요', '미동의', '비동의', 'x']);

/** `ad_consent` / 광고동의: yes/no/true/false/1/0/예/아니오; an empty cell is undefined (no ad consent). */
export function parseAdConsent(raw: string): boolean | undefined {
  const value = raw.trim().toLowerCase();
  if (value === '') return undefined;
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  throw new GazetteError(
    'SUBSCRIBER_INVALID',
    `ad_consent "${raw.trim()}" is not yes or no; write yes/no, true/false, 1/0 or 예/아니오.`,
    { field: 'ad_consent' },
  );
}

/**
 * `consented_at` / 동의일: an ISO 8601 date (the day starts in `timeZone`, the newsletter's) or
 * instant, not after `now`; returned as an ISO instant in UTC. Empty is undefined.
 */
export function parseConsentedAt(raw: string, timeZone: string, now = new Date()): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  let instant: Date | undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // isMatch, not Date.parse: Date.parse rolls 2024-02-30 over to 1 March instead of refusing it.
    if (isMatch(value, 'yyyy-MM-dd')) {
      const [y = 0, m = 1, d = 1] = value.split('-').map(Number);
      instant = new Date(new TZDate(y, m - 1, d, timeZone).getTime());
    }
  } else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    instant = new Date(value);
  }
  if (instant === undefined || Number.isNaN(instant.getTime())) {
    throw new GazetteError(
      'SUBSCRIBER_INVALID',
      `consented_at "${value}" is not an ISO 8601 date; write it as 2024-12-04 (or 2024-12-04T09:30:00+09:00).`,
      { field: 'consented_at' },
    );
  }
  if (instant.getTime() > now.getTime()) {
    throw new GazetteError('SUBSCRIBER_INVALID', `consented_at ${value} is in the future.`, {
      field: 'consented_at',
    });
  }
  return instant.toISOString();
}

/**
 * A consent given elsewhere (an ad consent, or its original date) is only taken on the
 * operator's word: without `--confirmed` the reader confirms now, by mail, and that is the consent.
 */
export function requireConfirmedConsent(
  fields: { adConsent?: boolean; consentedAt?: string },
  confirmed: boolean,
  flag: { adConsent: string; consentedAt: string },
): void {
  if (confirmed) return;
  const given = [
    fields.adConsent === true ? flag.adConsent : undefined,
    fields.consentedAt && flag.consentedAt,
  ]
    .filter((name): name is string => typeof name === 'string' && name !== '')
    .join(' and ');
  if (given === '') return;
  throw new GazetteError(
    'SUBSCRIBER_INVALID',
    `${given}: a consent given elsewhere is taken only with --confirmed (you vouch that the reader consented then); ` +
      'without it the reader confirms by mail and consents today, with no ad consent.',
    { field: fields.adConsent === true ? 'ad_consent' : 'consented_at' },
  );
}
