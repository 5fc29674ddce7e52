import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GazetteError } from '../errors.ts';

/**
 * A DKIM key, read once at start: a missing or unreadable file, or a key of the wrong kind, is a
 * config mistake, said before anything is sent (not a stack trace, not one signing failure per
 * message). `field` names the config key at fault (`send.dkim.privateKeyFile`).
 */
export function readDkimKey(file: string, kind: 'rsa' | 'ed25519', field: string): KeyObject {
  const fail = (reason: string, cause: unknown) =>
    new GazetteError(
      'CONFIG_INVALID',
      `${field}: ${file} ${reason}. Point ${field} in the config at the PEM private key whose public ` +
        'half is published at SELECTOR._domainkey.DOMAIN (a relative path is relative to the config file), ' +
        'or remove send.dkim to send unsigned.',
      { field, file },
      { cause },
    );
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`, error);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw fail('is not an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)', error);
  }
  if (key.asymmetricKeyType !== kind) {
    const made =
      kind === 'rsa'
        ? 'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048'
        : 'openssl genpkey -algorithm ed25519';
    throw fail(
      `holds an ${key.asymmetricKeyType ?? 'unknown'} key, not ${kind} (make one with: ${made})`,
      undefined,
    );
  }
  return key;
}
