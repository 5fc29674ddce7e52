import { isIPv6 } from 'node:net';

/**
 * The rate-limit key for a client address: IPv4 as is, IPv6 by its /64 (one host usually holds
 * a whole /64, so per-address counting would let it rotate through 2^64 fresh allowances).
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`) counts as the IPv4 address; anything else as given.
 */
export function addressGroup(address: string): string {
  const bare = address.split('%')[0] ?? address;
  if (!isIPv6(bare)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1] !== undefined) return mapped[1];
  const [head = '', tail] = bare.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  // An embedded IPv4 tail (`64:ff9b::192.0.2.1`) fills two groups.
  const width = (parts: string[]) => parts.reduce((n, p) => n + (p.includes('.') ? 2 : 1), 0);
  const all =
    tail === undefined
      ? groups(head)
      : [
          ...groups(head),
          ...Array<string>(8 - width(groups(head)) - width(groups(tail))).fill('0'),
          ...groups(tail),
        ];
  return `${all
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
