import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { forwardedClient } from './forwarded-client.ts';
import type { IsTrustedProxy } from './trusted-proxies.ts';

/**
 * The reader's address: the socket's peer, or behind a trusted proxy (`web.trustProxy`) the
 * address that proxy forwarded. With no trusted proxy, forwarded headers are never read.
 */
export function clientIp(c: Context, isTrusted: IsTrustedProxy): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
  return forwardedClient(
    peer,
    { xForwardedFor: c.req.header('x-forwarded-for'), forwarded: c.req.header('forwarded') },
    isTrusted,
  );
}
