const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** True for `YYYY-MM-DD` or an ISO 8601 timestamp naming a real calendar date and time. */
export function isValidPublishedDate(value: string): boolean {
  const date = DATE_ONLY.exec(value);
  if (date) return isRealDate(Number(date[1]), Number(date[2]), Number(date[3]));
  const stamp = TIMESTAMP.exec(value);
  if (!stamp) return false;
  const [hour, minute, second] = [Number(stamp[4]), Number(stamp[5]), Number(stamp[6] ?? 0)];
  return (
    isRealDate(Number(stamp[1]), Number(stamp[2]), Number(stamp[3])) && hour < 24 && minute < 60 && second < 60
  );
}

/** True when the value is a timestamp with an explicit offset (`Z` or `+09:00`). */
export function hasOffset(value: string): boolean {
  const stamp = TIMESTAMP.exec(value);
  return stamp !== null && stamp[7] !== undefined;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
