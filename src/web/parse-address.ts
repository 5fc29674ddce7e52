import ipaddr from 'ipaddr.js';

/**
 * An IP address in a strict spelling (dotted-quad IPv4 or IPv6, an IPv6 zone allowed), with
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`) taken as the IPv4 address; undefined for anything else.
 * ipaddr.js alone also accepts `127.1` and `0x7f.0.0.1`, which no socket or proxy writes.
 */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!ipaddr.IPv6.isValid(text)) return undefined;
  const ip = ipaddr.IPv6.parse(text);
  return ip.isIPv4MappedAddress() ? ip.toIPv4Address() : ip;
}
