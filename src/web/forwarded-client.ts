import { parseAddress } from './parse-address.ts';
import type { IsTrustedProxy } from './trusted-proxies.ts';

/**
 * The reader's address behind trusted reverse proxies. The socket's peer decides: a peer that
 * is not a trusted proxy is the client, whatever headers it sent (anyone can write them).
 * Otherwise the chain is walked from the right (each proxy appends the address it saw) and the
 * first hop that is not a trusted proxy is the client; the hops to its left are the client's own
 * claims and are never read. X-Forwarded-For is used when present (Caddy and nginx write it),
 * else RFC 7239 Forwarded `for=`. A hop that is not an address stops the walk at the last
 * address a trusted proxy vouched for (stricter, never looser).
 */
export function forwardedClient(
  peer: string,
  headers: { xForwardedFor?: string; forwarded?: string },
  isTrusted: IsTrustedProxy,
): string {
  const peerIp = parseAddress(peer);
  if (peerIp === undefined || !isTrusted(peerIp)) return peerIp?.toString() ?? peer;
  const hops =
    headers.xForwardedFor !== undefined
      ? headers.xForwardedFor.split(',').map(stripPort)
      : headers.forwarded !== undefined
        ? forwardedFor(headers.forwarded)
        : [];
  let client = peerIp.toString();
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const ip = parseAddress(hops[i] ?? '');
    if (ip === undefined) return client;
    client = ip.toString();
    if (!isTrusted(ip)) return client;
  }
  return client;
}

/** The `for=` of each RFC 7239 element (`for=192.0.2.60;proto=https, for="[2001:db8::17]:4711"`). */
function forwardedFor(header: string): string[] {
  return header.split(',').map((element) => {
    const pair = element
      .split(';')
      .map((p) => p.trim())
      .find((p) => p.toLowerCase().startsWith('for='));
    return stripPort((pair ?? '').slice(4).replace(/^"(.*)"$/, '$1'));
  });
}

/** `[2001:db8::1]:4711` → `2001:db8::1`; `192.0.2.1:80` → `192.0.2.1`; bare addresses unchanged. */
function stripPort(hop: string): string {
  const text = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  const v4 = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(text);
  return v4?.[1] ?? text;
}
