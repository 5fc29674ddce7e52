import { describe, expect, it } from 'vitest';
import { emailKey, normalizeEmail } from '../../src/subscribers/normalize-email.ts';

describe('normalizeEmail', () => {
  it.each([
    ['  Reader@Example.COM ', 'Reader@example.com'],
    ["o'brien+news@mail.example.co.kr", "o'brien+news@mail.example.co.kr"],
    ['user@뉴스.한국', 'user@xn--vg1b002a.xn--3e0b707e'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each([
    ['reader@example.com\r\nBcc: victim@example.com', /line break/],
    ['reader@example.com\n', /line break/],
    ['read er@example.com', /spaces/],
    ['reader.example.com', /no "@"/],
    ['@example.com', /before "@"/],
    ['reader@', /not a valid domain/],
    ['reader@localhost', /not a valid domain/],
    ['reader@-bad.com', /not a valid domain/],
    ['reader..dots@example.com', /not allowed/],
    ['"quoted"@example.com', /not allowed/],
    [`${'a'.repeat(65)}@example.com`, /1 to 64/],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`, /longer than 254/],
    ['reader@example.c0m', /top-level/],
  ])('refuses %j', (raw, reason) => {
    expect(() => normalizeEmail(raw)).toThrow(reason);
  });

  it('folds case for identity', () => {
    expect(emailKey(normalizeEmail('Reader@Example.com'))).toBe(
      emailKey(normalizeEmail('READER@example.COM')),
    );
  });
});
