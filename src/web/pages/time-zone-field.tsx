import { Bi } from './bi.tsx';
import type { BiText } from './bi.tsx';

/** The zones most readers of a Korean/English digest live in; the reader's own is added if missing. */
const COMMON_ZONES = [
  'Asia/Seoul',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/Toronto',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Honolulu',
  'UTC',
];

const text = {
  label: { ko: '시간대', en: 'Time zone' },
  hint: {
    ko: '발송 시각이 정해진 뉴스레터는 이 시간대의 그 시각에 도착합니다.',
    en: 'Newsletters with a delivery hour arrive at that hour in this zone.',
  },
  invalid: { ko: '목록에 있는 시간대를 고르세요.', en: 'Choose a time zone from the list.' },
} satisfies Record<string, BiText>;

/** A select of common IANA zones plus the reader's current one; empty is the newsletter's default. */
export function TimeZoneField({
  value,
  defaultZone,
  invalid,
}: {
  /** The reader's zone, or '' for the default. */
  value: string;
  defaultZone: string;
  invalid?: boolean;
}) {
  const zones = [...new Set([...COMMON_ZONES, ...(value === '' ? [] : [value])])].sort();
  return (
    <div className="field">
      <label htmlFor="timeZone">
        <Bi text={text.label} />
      </label>
      <p className="hint" id="timeZone-hint">
        <Bi text={text.hint} />
      </p>
      <select
        id="timeZone"
        name="timeZone"
        defaultValue={value}
        aria-describedby={invalid ? 'timeZone-hint timeZone-error' : 'timeZone-hint'}
        {...(invalid ? { 'aria-invalid': true } : {})}
      >
        <option value="">{`${defaultZone} (기본 · default)`}</option>
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
      {invalid ? (
        <p className="field-error" id="timeZone-error">
          <Bi text={text.invalid} />
        </p>
      ) : null}
    </div>
  );
}
