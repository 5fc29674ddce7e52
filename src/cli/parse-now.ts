import { InvalidArgumentError } from 'commander';

/**
 * `--now <ISO instant>`: the clock a run takes as now (tests, and "what would 07:00 tomorrow
 * send" dry runs). An instant needs its offset (`Z` or `+09:00`): a wall time alone is ambiguous.
 */
export function parseNow(value: string): number {
  const instant = Date.parse(value);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(instant)
  ) {
    throw new InvalidArgumentError(
      'use an ISO 8601 instant with its offset, for example 2026-11-23T07:00:00+09:00',
    );
  }
  return instant;
}

/** A clock that reads `start` now and runs on in real time from there. */
export function clockFrom(start: number | undefined): (() => number) | undefined {
  if (start === undefined) return undefined;
  const offset = start - Date.now();
  return () => Date.now() + offset;
}
