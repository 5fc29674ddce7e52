import type { Config } from '../config/config.ts';
import { GazetteError } from '../errors.ts';

/** Link tokens are only as strong as their key: 32 characters at least. */
export const MIN_SECRET_LENGTH = 32;

/** The HMAC key for link tokens, or SECRET_MISSING with the fix. */
export function requireSecret(config: Pick<Config, 'secret'>): string {
  const secret = config.secret;
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH) {
    throw new GazetteError(
      'SECRET_MISSING',
      `GAZETTE_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters to sign links (for example: openssl rand -base64 32), or use "serve --dev" for a throwaway one.`,
      { field: 'GAZETTE_SECRET' },
    );
  }
  return secret;
}
