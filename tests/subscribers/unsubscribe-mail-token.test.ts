import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { listUnsubscribeMailto } from '../../src/subscribers/list-unsubscribe-mailto.ts';
import {
  readUnsubscribeMailToken,
  unsubscribeMailto,
  unsubscribeMailToken,
} from '../../src/subscribers/unsubscribe-mail-token.ts';

const SECRET = 'b'.repeat(32);
const LISTS = ['daily', 'weekly-long-list-name-that-would-not-fit-in-a-local-part'];

describe('the List-Unsubscribe mailto token', () => {
  it('round-trips for every list, in any letter case, and fits a local part', () => {
    for (let i = 0; i < 50; i += 1) {
      const uid = randomBytes(16).toString('base64url');
      for (const listId of ['', ...LISTS]) {
        const token = unsubscribeMailToken(SECRET, { uid }, listId);
        expect(`unsubscribe+${token}`.length).toBeLessThanOrEqual(64);
        expect(readUnsubscribeMailToken(SECRET, token, LISTS)).toEqual({ uid, listId });
        expect(readUnsubscribeMailToken(SECRET, token.toUpperCase(), LISTS)).toEqual({ uid, listId });
      }
    }
  });

  it('refuses a forged or altered token, another secret, and a list no longer configured', () => {
    const uid = randomBytes(16).toString('base64url');
    const token = unsubscribeMailToken(SECRET, { uid }, 'daily');
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'a' ? 'b' : 'a') + s.slice(at + 1);
    expect(readUnsubscribeMailToken(SECRET, flip(token, 0), LISTS)).toBeUndefined();
    expect(readUnsubscribeMailToken(SECRET, flip(token, token.length - 2), LISTS)).toBeUndefined();
    expect(readUnsubscribeMailToken('c'.repeat(32), token, LISTS)).toBeUndefined();
    expect(readUnsubscribeMailToken(SECRET, token, ['weekly'])).toBeUndefined();
    expect(readUnsubscribeMailToken(SECRET, `${token}a`, LISTS)).toBeUndefined();
    expect(readUnsubscribeMailToken(SECRET, '', LISTS)).toBeUndefined();
    expect(readUnsubscribeMailToken(SECRET, '../../etc/passwd', LISTS)).toBeUndefined();
  });

  it('is per recipient once inbound.domain is set, else the configured mailto', () => {
    const uid = randomBytes(16).toString('base64url');
    const own = listUnsubscribeMailto(
      { inbound: { domain: 'In.Example' } as never, unsubscribeMailto: 'u@x.example', secret: SECRET },
      { uid },
      'daily',
    );
    expect(own).toBe(unsubscribeMailto(SECRET, 'in.example', { uid }, 'daily'));
    expect(own).toMatch(/^unsubscribe\+[a-z2-7]{26}-[a-z2-7]{16}@in\.example\?subject=unsubscribe$/);
    const shared = listUnsubscribeMailto(
      { inbound: {} as never, unsubscribeMailto: 'u@x.example', secret: SECRET },
      { uid },
      'daily',
    );
    expect(shared).toBe('u@x.example');
  });
});
