import { describe, expect, it } from 'vitest';
import { releaseInstant } from '../../src/send/release-instant.ts';

const at = (date: string, zone: string, hour = '07:00') =>
  new Date(releaseInstant(date, hour, zone)).toISOString();

describe('releaseInstant: deliverAt in the reader zone on the edition date', () => {
  it('puts 07:00 at each zone own 07:00', () => {
    expect(at('2026-11-23', 'Asia/Seoul')).toBe('2026-11-22T22:00:00.000Z');
    expect(at('2026-11-23', 'Europe/Berlin')).toBe('2026-11-23T06:00:00.000Z');
    expect(at('2026-11-23', 'America/Los_Angeles')).toBe('2026-11-23T15:00:00.000Z');
  });

  it('follows summer time: the day the clocks move and the day after', () => {
    // Europe: 29 March 2026 02:00 → 03:00; 25 October 03:00 → 02:00.
    expect(at('2026-03-28', 'Europe/Berlin')).toBe('2026-03-28T06:00:00.000Z');
    expect(at('2026-03-29', 'Europe/Berlin')).toBe('2026-03-29T05:00:00.000Z');
    expect(at('2026-10-25', 'Europe/Berlin')).toBe('2026-10-25T06:00:00.000Z');
    // United States: 8 March 2026 and 1 November.
    expect(at('2026-03-07', 'America/Los_Angeles')).toBe('2026-03-07T15:00:00.000Z');
    expect(at('2026-03-08', 'America/Los_Angeles')).toBe('2026-03-08T14:00:00.000Z');
    expect(at('2026-11-01', 'America/Los_Angeles')).toBe('2026-11-01T15:00:00.000Z');
    // Korea keeps no summer time.
    expect(at('2026-03-29', 'Asia/Seoul')).toBe('2026-03-28T22:00:00.000Z');
  });

  it('reads a wall time the zone skips forward, as the clocks were moved', () => {
    expect(at('2026-03-29', 'Europe/Berlin', '02:30')).toBe('2026-03-29T01:30:00.000Z');
  });
});
