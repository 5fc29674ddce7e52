import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dkimVerify } from 'mailauth';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/mail/create-mailer.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { subscriber } from './send-fixture.ts';
import { useSendSuite } from './send-harness.ts';

const DOMAIN = 'gazette.example';
const SELECTOR = 's2026';
// A fresh RSA-2048 key: the private half in a temp file (send.dkim.privateKeyFile), the public
// half as the TXT record the resolver below answers for SELECTOR._domainkey.DOMAIN.
const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const keyDir = mkdtempSync(path.join(tmpdir(), 'gazette-dkim-'));
const privateKeyFile = path.join(keyDir, 'dkim.pem');
writeFileSync(privateKeyFile, keys.privateKey, { mode: 0o600 });
const TXT = `v=DKIM1; k=rsa; p=${keys.publicKey.toString('base64')}`;
// RFC 8463: an Ed25519 key under a selector of its own; the record's p= is the bare 32-byte key.
const ED_SELECTOR = 'e2026';
const edKeys = generateKeyPairSync('ed25519', {
  publicKeyEncoding: { type: 'spki', format: 'der' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const edKeyFile = path.join(keyDir, 'dkim-ed25519.pem');
writeFileSync(edKeyFile, edKeys.privateKey, { mode: 0o600 });
const ED_TXT = `v=DKIM1; k=ed25519; p=${edKeys.publicKey.subarray(-32).toString('base64')}`;

async function resolver(name: string, type: string): Promise<string[][]> {
  if (type === 'TXT' && name === `${SELECTOR}._domainkey.${DOMAIN}`) return [[TXT]];
  if (type === 'TXT' && name === `${ED_SELECTOR}._domainkey.${DOMAIN}`) return [[ED_TXT]];
  throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
}

/** The fields mailauth reports beyond its published types: the h= list it checked. */
interface VerifiedSignature {
  status: { result: string; comment?: string | false };
  algo?: string;
  signingDomain: string;
  selector?: string;
  signingHeaders: { keys: string };
}

async function verify(raw: Buffer | string): Promise<VerifiedSignature[]> {
  const { results } = await dkimVerify(raw, { resolver });
  return results as unknown as VerifiedSignature[];
}

// The signature does not depend on the store: SQLite is enough.
const sqlite = DIALECTS.find((dialect) => dialect.name === 'sqlite')!;

describe('DKIM on the real send path', () => {
  const suite = useSendSuite(sqlite);
  afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

  it('signs every message so that it verifies against the published key, both List-Unsubscribe headers signed', async () => {
    const harness = await suite.harness({
      dkim: { domainName: DOMAIN, keySelector: SELECTOR, privateKeyFile },
    });
    await harness.store.importBatch([
      subscriber('ko-reader@example.com', 'ko'),
      subscriber('en-reader@example.com', 'en'),
    ]);
    // The mailer the CLI builds from config (createMailer reads send.dkim), not a hand-made one.
    const mailer = createMailer(harness.fixture.config);
    try {
      expect(await harness.send({}, { mailer })).toMatchObject({ sent: 2, failed: 0 });
    } finally {
      await mailer.close();
    }
    expect(suite.sink.received).toHaveLength(2);
    for (const mail of suite.sink.received) {
      const [signature, ...others] = await verify(mail.raw);
      expect(others).toEqual([]);
      expect(signature?.status, mail.envelope.to[0]).toMatchObject({ result: 'pass' });
      expect(signature).toMatchObject({ signingDomain: DOMAIN, selector: SELECTOR });
      // RFC 8058 §4: the one-click pair must be covered by the signature.
      const signed = signature!.signingHeaders.keys.toLowerCase().split(': ');
      expect(signed).toEqual(
        expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post', 'from', 'subject']),
      );
      expect(mail.raw.toString('latin1')).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    }
  });

  it('fails verification when a signed header is changed in transit, or against another key', async () => {
    const harness = await suite.harness({
      dkim: { domainName: DOMAIN, keySelector: SELECTOR, privateKeyFile },
    });
    await harness.store.importBatch([subscriber('reader@example.com', 'en')]);
    const mailer = createMailer(harness.fixture.config);
    try {
      await harness.send({}, { mailer });
    } finally {
      await mailer.close();
    }
    const raw = suite.sink.received[0]!.raw.toString('latin1');
    expect((await verify(raw))[0]?.status.result).toBe('pass');
    // A forwarder dropping the one-click header breaks a signature that covers it.
    const tampered = raw.replace(/^List-Unsubscribe-Post: .*\r\n/im, '');
    expect(tampered).not.toBe(raw);
    expect((await verify(tampered))[0]?.status.result).toBe('fail');
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'der' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const { results } = await dkimVerify(raw, {
      resolver: async () => [[`v=DKIM1; k=rsa; p=${other.publicKey.toString('base64')}`]],
    });
    expect(results[0]?.status.result).toBe('fail');
  });

  it('adds an Ed25519 signature (RFC 8463) next to the RSA one when send.dkim.ed25519 is set: both verify', async () => {
    const harness = await suite.harness({
      dkim: {
        domainName: DOMAIN,
        keySelector: SELECTOR,
        privateKeyFile,
        ed25519: { keySelector: ED_SELECTOR, privateKeyFile: edKeyFile },
      },
    });
    await harness.store.importBatch([
      subscriber('ko-reader@example.com', 'ko', [], { name: '김하늘' }),
      subscriber('en-reader@example.com', 'en', [], { name: 'Ann' }),
      subscriber('bi-reader@example.com', 'bilingual'),
    ]);
    const mailer = createMailer(harness.fixture.config);
    try {
      expect(await harness.send({}, { mailer })).toMatchObject({ sent: 3, failed: 0 });
    } finally {
      await mailer.close();
    }
    expect(suite.sink.received).toHaveLength(3);
    for (const mail of suite.sink.received) {
      const signatures = await verify(mail.raw);
      const bySelector = Object.fromEntries(signatures.map((s) => [s.selector, s]));
      expect(Object.keys(bySelector).sort(), mail.envelope.to[0]).toEqual([ED_SELECTOR, SELECTOR].sort());
      expect(bySelector[SELECTOR]).toMatchObject({ algo: 'rsa-sha256', status: { result: 'pass' } });
      expect(bySelector[ED_SELECTOR]).toMatchObject({ algo: 'ed25519-sha256', status: { result: 'pass' } });
      const signed = bySelector[ED_SELECTOR]!.signingHeaders.keys.toLowerCase().split(': ');
      expect(signed).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']));
    }
    // A changed body breaks both (one body hash, two signatures over it).
    const raw = suite.sink.received[0]!.raw.toString('latin1');
    const tampered = raw.replace(/\r\n--([^\r\n]+)--\r\n$/, '\r\nA\r\n--$1--\r\n');
    expect(tampered).not.toBe(raw);
    // mailauth reports a body hash mismatch as neutral, with the reason.
    expect((await verify(tampered)).map((s) => s.status)).toEqual([
      expect.objectContaining({ result: 'neutral', comment: 'body hash did not verify' }),
      expect.objectContaining({ result: 'neutral', comment: 'body hash did not verify' }),
    ]);
  });

  it('refuses an Ed25519 key under the RSA selector, and an RSA key given as the Ed25519 one', async () => {
    await expect(
      suite.harness({
        dkim: {
          domainName: DOMAIN,
          keySelector: SELECTOR,
          privateKeyFile,
          ed25519: { keySelector: SELECTOR, privateKeyFile: edKeyFile },
        },
      }),
    ).rejects.toThrow(/selector of its own/);
    const harness = await suite.harness({
      dkim: {
        domainName: DOMAIN,
        keySelector: SELECTOR,
        privateKeyFile,
        ed25519: { keySelector: ED_SELECTOR, privateKeyFile },
      },
    });
    expect(() => createMailer(harness.fixture.config)).toThrow(
      /^send\.dkim\.ed25519\.privateKeyFile: .* holds an rsa key, not ed25519/,
    );
  });
});
