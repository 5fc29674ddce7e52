import ipaddr from 'ipaddr.js';

/** An address (`127.0.0.1`, `::1`) or a CIDR range (`10.0.0.0/8`, `fd00::/8`), strictly spelt. */
export function isTrustedProxySpec(spec: string): boolean {
  const [address = '', bits, extra] = spec.split('/');
  if (extra !== undefined) return false;
  const valid = ipaddr.IPv4.isValidFourPartDecimal(address) || ipaddr.IPv6.isValid(address);
  if (!valid) return false;
  return bits === undefined || ipaddr.isValidCIDR(spec);
}
