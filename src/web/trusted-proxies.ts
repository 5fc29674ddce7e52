import ipaddr from 'ipaddr.js';
import { parseAddress } from './parse-address.ts';

/** Whether an address belongs to a configured reverse proxy. */
export type IsTrustedProxy = (address: ipaddr.IPv4 | ipaddr.IPv6) => boolean;

/**
 * The matcher for `web.trustProxy` (addresses or CIDRs, validated by the config schema). An
 * IPv4 entry also matches its IPv4-mapped IPv6 spelling, since parseAddress unmaps peers.
 */
export function trustedProxies(specs: readonly string[]): IsTrustedProxy {
  const ranges = specs.map((spec): [ipaddr.IPv4 | ipaddr.IPv6, number] => {
    if (spec.includes('/')) {
      const [range, bits] = ipaddr.parseCIDR(spec);
      // `::ffff:10.0.0.0/104` is `10.0.0.0/8`: peers are compared unmapped.
      if (range instanceof ipaddr.IPv6 && range.isIPv4MappedAddress() && bits >= 96)
        return [range.toIPv4Address(), bits - 96];
      return [range, bits];
    }
    const ip = parseAddress(spec);
    if (ip === undefined) throw new Error(`not an address: ${spec}`);
    return [ip, ip.kind() === 'ipv4' ? 32 : 128];
  });
  return (address) =>
    ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}
