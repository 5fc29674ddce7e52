import { GazetteError } from '../errors.ts';

/**
 * A reader's time zone as typed (a form, a CSV cell, `--timezone`): an IANA name in any case
 * (`asia/seoul`), returned as Intl spells it (`Asia/Seoul`, links resolved: `US/Pacific` is
 * `America/Los_Angeles`). Empty: undefined (the list's default). Anything else, including bare
 * offsets such as `+09:00` (they ignore summer time), throws SUBSCRIBER_INVALID.
 */
export function parseTimeZone(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const canonical = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value) ? resolve(value) : undefined;
  if (canonical === undefined) {
    throw new GazetteError(
      'SUBSCRIBER_INVALID',
      `time zone "${value}" is not an IANA time zone: use a name such as Asia/Seoul, Europe/Berlin or America/Los_Angeles.`,
      { field: 'timeZone' },
    );
  }
  return canonical;
}

function resolve(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
