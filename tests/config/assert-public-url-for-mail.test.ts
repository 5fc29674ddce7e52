import { describe, expect, it } from 'vitest';
import { assertPublicUrlForMail } from '../../src/config/assert-public-url-for-mail.ts';
import { DEFAULT_PUBLIC_URL } from '../../src/config/config.ts';
import { isGazetteError } from '../../src/errors.ts';

const SMTP = 'smtp://user:pass@mail.example.com:587';

const refusal = (publicUrl: string, smtpUrl: string | undefined) => {
  try {
    assertPublicUrlForMail({ publicUrl, smtpUrl });
    return undefined;
  } catch (error) {
    return error;
  }
};

describe('assertPublicUrlForMail', () => {
  it.each([
    [DEFAULT_PUBLIC_URL, /is unset \(the default is http:\/\/localhost:8080\)/],
    ['https://localhost', /an address on this machine/],
    ['https://news.localhost', /an address on this machine/],
    ['https://127.0.0.1:8443', /an address on this machine/],
    ['https://127.1.2.3', /an address on this machine/],
    ['https://[::1]', /an address on this machine/],
    ['https://[::ffff:127.0.0.1]', /an address on this machine/],
    ['https://0.0.0.0', /an address on this machine/],
    ['http://news.example.com', /is http:\/\/news\.example\.com, not https/],
  ])('refuses %s when mail goes over SMTP, naming GAZETTE_PUBLIC_URL and an example', (url, reason) => {
    const error = refusal(url, SMTP);
    expect(isGazetteError(error, 'CONFIG_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/^GAZETTE_PUBLIC_URL /);
    expect(message).toMatch(reason);
    expect(message).toContain('for example https://news.example.com');
    // SMTP_URL may hold a password: it is named, never echoed.
    expect(message).not.toContain('pass@');
  });

  it.each(['https://news.example.com', 'https://news.example.com/gazette', 'https://203.0.113.7'])(
    'accepts %s',
    (url) => {
      expect(refusal(url, SMTP)).toBeUndefined();
    },
  );

  it('lets anything through when SMTP_URL is unset (the outbox)', () => {
    expect(refusal(DEFAULT_PUBLIC_URL, undefined)).toBeUndefined();
    expect(refusal('http://localhost:3000', '')).toBeUndefined();
  });
});
