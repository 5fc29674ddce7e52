import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';

const config = (deliverAt: unknown) => ({
  name: { ko: '가제트', en: 'Gazette' },
  from: { email: 'digest@gazette.example' },
  postalAddress: '12 Sejong-daero, Seoul',
  lists: [{ id: 'daily', name: { ko: '데일리', en: 'Daily' }, deliverAt }],
});

describe('lists[].deliverAt', () => {
  it('takes a 24-hour HH:MM', () => {
    expect(parseConfig(config('07:00')).lists[0]?.deliverAt).toBe('07:00');
    expect(parseConfig(config('23:59')).lists[0]?.deliverAt).toBe('23:59');
    expect(parseConfig(config(undefined)).lists[0]?.deliverAt).toBeUndefined();
  });

  it.each(['7:00', '24:00', '07:60', '7am', 7])('refuses %s, naming the key and the form', (value) => {
    expect(() => parseConfig(config(value))).toThrow(/lists\.0\.deliverAt/);
  });

  it('says how to write it', () => {
    expect(() => parseConfig(config('7am'))).toThrow(/use a 24-hour time as HH:MM, for example 07:00/);
  });
});
