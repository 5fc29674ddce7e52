import { z } from 'zod';
import type { Config } from './config.ts';
import { GazetteError } from '../errors.ts';

/** Link tokens are only as strong as their key: 32 characters at least. */
export const MIN_SECRET_LENGTH = 32;

/** The rule for GAZETTE_SECRET, for every command that signs or checks links (serve, send, schedule). */
export const secretSchema = z
  .string()
  .min(MIN_SECRET_LENGTH, `must hold at least ${MIN_SECRET_LENGTH} characters`);

/** The HMAC key for link tokens, or SECRET_MISSING with the fix. */
export function requireSecret(config: Pick<Config, 'secret'>): string {
  const parsed = secretSchema.safeParse(config.secret);
  if (!parsed.success) {
    throw new GazetteError(
      'SECRET_MISSING',
      `GAZETTE_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters to sign links (for example: openssl rand -base64 32), or use "serve --dev" for a throwaway one.`,
      { field: 'GAZETTE_SECRET' },
    );
  }
  return parsed.data;
}

/** Whether a secret passes the rule (for `--dev`, which replaces one that does not). */
export function isStrongSecret(secret: string | undefined): boolean {
  return secretSchema.safeParse(secret).success;
}
