const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?$/i;

/** True for `YYYY-MM-DD` or an ISO 8601 timestamp naming a real calendar date, time and offset. */
export function isValidPublishedDate(value: string): boolean {
  const date = DATE_ONLY.exec(value);
  if (date) return isRealDate(Number(date[1]), Number(date[2]), Number(date[3]));
  const stamp = TIMESTAMP.exec(value);
  if (!stamp) return false;
  const [hour, minute, second] = [Number(stamp[4]), Number(stamp[5]), Number(stamp[6] ?? 0)];
  // Real UTC offsets run from -12:00 to +14:00.
  const offsetOk = stamp[8] === undefined || (Number(stamp[9]) <= 14 && Number(stamp[10]) < 60);
  return (
    isRealDate(Number(stamp[1]), Number(stamp[2]), Number(stamp[3])) &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    offsetOk
  );
}

/** True when the value is a timestamp with an explicit offset (`Z` or `+09:00`). */
export function hasOffset(value: string): boolean {
  const stamp = TIMESTAMP.exec(value);
  return stamp !== null && stamp[7] !== undefined;
}

/**
 * The instant a timestamp with an offset names, in ms since the epoch; undefined for a date-only
 * value, a timestamp without offset, or anything invalid. Normalised first: `Date` parsing of
 * lower-case `t`/`z`, a space separator or `+0900` varies between engines.
 */
export function instantOf(value: string): number | undefined {
  if (!isValidPublishedDate(value) || !hasOffset(value)) return undefined;
  const normalised = value
    .toUpperCase()
    .replace(' ', 'T')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(normalised);
  return Number.isNaN(time) ? undefined : time;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
