import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The peer's address from the socket. Forwarded headers are not trusted: behind a proxy every
 * reader would share one rate-limit bucket, which fails safe (stricter), not open.
 */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
