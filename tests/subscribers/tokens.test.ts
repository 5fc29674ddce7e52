import { describe, expect, it } from 'vitest';
import { confirmToken, manageToken, signToken, verifyToken } from '../../src/subscribers/tokens.ts';
import { isGazetteError } from '../../src/errors.ts';

const SECRET = 'a'.repeat(32);
const uid = 'Zm9vYmFyYmF6cXV4MTIzNA';

function rejects(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isGazetteError(error, 'TOKEN_INVALID')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected TOKEN_INVALID');
}

describe('link tokens', () => {
  it('round-trips and uses only URL-safe characters', () => {
    const token = manageToken(SECRET, { uid });
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(verifyToken(SECRET, token, 'manage')).toEqual({ subject: uid });
  });

  it('refuses an altered subject, signature, another secret or another purpose', () => {
    const token = manageToken(SECRET, { uid });
    const [subject = '', sig = ''] = token.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(rejects(() => verifyToken(SECRET, `${flip(subject)}.${sig}`, 'manage'))).toMatch(/signature/);
    expect(rejects(() => verifyToken(SECRET, `${subject}.${flip(sig)}`, 'manage'))).toMatch(/signature/);
    rejects(() => verifyToken('b'.repeat(32), token, 'manage'));
    rejects(() => verifyToken(SECRET, token, 'confirm'));
    rejects(() => verifyToken(SECRET, `${subject}.${sig}.x`, 'manage'));
    rejects(() => verifyToken(SECRET, '../../etc/passwd', 'manage'));
    rejects(() => verifyToken(SECRET, '', 'manage'));
    rejects(() => verifyToken(SECRET, `${token}${'A'.repeat(300)}`, 'manage'));
  });

  it('expires confirm tokens after seven days and refuses an extended expiry', () => {
    const issued = new Date('2026-11-20T00:00:00Z');
    const token = confirmToken(SECRET, { uid }, issued);
    expect(verifyToken(SECRET, token, 'confirm', new Date('2026-11-26T23:59:00Z')).subject).toBe(uid);
    expect(rejects(() => verifyToken(SECRET, token, 'confirm', new Date('2026-11-27T00:00:01Z')))).toMatch(
      /expired/,
    );
    const [subject, , sig] = token.split('.');
    const later = Math.floor(Date.parse('2030-01-01T00:00:00Z') / 1000).toString(36);
    expect(rejects(() => verifyToken(SECRET, `${subject}.${later}.${sig}`, 'confirm', issued))).toMatch(
      /signature/,
    );
  });

  it('refuses subjects that are not URL-safe', () => {
    rejects(() => signToken(SECRET, 'manage', 'a.b'));
    rejects(() => signToken(SECRET, 'manage', 'a/b'));
  });
  it('accepts only the canonical spelling of the MAC (its last character has 2 unused bits)', () => {
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (const token of [manageToken(SECRET, { uid }), confirmToken(SECRET, { uid })]) {
      const last = B64URL.indexOf(token.slice(-1));
      // A 32-byte MAC is 43 characters: the last one holds 4 bits, the low 2 are padding.
      const spellings = [0, 1, 2, 3].map((low) => `${token.slice(0, -1)}${B64URL[(last & ~3) | low]}`);
      expect(
        new Set(spellings.map((s) => Buffer.from(s.split('.').pop() ?? '', 'base64url').toString('hex')))
          .size,
      ).toBe(1);
      const accepted = spellings.filter((s) => {
        try {
          verifyToken(SECRET, s, token.split('.').length === 3 ? 'confirm' : 'manage');
          return true;
        } catch (error) {
          expect(isGazetteError(error, 'TOKEN_INVALID')).toBe(true);
          return false;
        }
      });
      expect(accepted).toEqual([token]);
    }
  });
});
