import ipaddr from 'ipaddr.js';
import { parseAddress } from './parse-address.ts';

/**
 * The rate-limit key for a client address: IPv4 as is, IPv6 by its /64 (one host usually holds
 * a whole /64, so per-address counting would let it rotate through 2^64 fresh allowances).
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address; anything else as given.
 */
export function addressGroup(address: string): string {
  const ip = parseAddress(address);
  if (ip === undefined) return address;
  if (!(ip instanceof ipaddr.IPv6)) return ip.toString();
  return `${ip.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
