import type { Config } from '../config/config.ts';
import type { CategoryConfig } from '../config/config-schema.ts';

/** What inbound/ needs of the config, resolved once. */
export interface InboundSettings {
  /** Domains whose addresses Gazette receives for: inbound.domain and send.verpDomain. */
  domains: string[];
  /** Whether an address is ours (never the bounced recipient). */
  isOurs(address: string): boolean;
  softLimit: number;
  softWindowMs: number;
  maxBytes: number;
  /** inbound.domain, where subscribe@ and unsubscribe@ are (issue 14). */
  requestDomain?: string;
  categories: readonly CategoryConfig[];
  /** Confirmations and link replies by mail to one domain per hour. */
  requestsPerDomainPerHour: number;
}

export function inboundSettings(
  config: Pick<
    Config,
    'from' | 'replyTo' | 'unsubscribeMailto' | 'send' | 'inbound' | 'bounces' | 'categories'
  >,
): InboundSettings {
  const domains = [config.inbound.domain, config.send.verpDomain]
    .filter((d): d is string => d !== undefined)
    .map((d) => d.toLowerCase());
  const ourDomains = new Set([
    ...domains,
    ...[config.from.email, config.replyTo, config.unsubscribeMailto]
      .filter((a): a is string => a !== undefined)
      .map((a) => a.slice(a.lastIndexOf('@') + 1).toLowerCase()),
  ]);
  return {
    domains: [...new Set(domains)],
    isOurs: (address) => ourDomains.has(address.slice(address.lastIndexOf('@') + 1).toLowerCase()),
    softLimit: config.bounces.softLimit,
    softWindowMs: config.bounces.softWindowDays * 24 * 60 * 60 * 1000,
    maxBytes: config.inbound.maxBytes,
    requestDomain: config.inbound.domain?.toLowerCase(),
    categories: config.categories,
    requestsPerDomainPerHour: config.inbound.requests.perDomainPerHour,
  };
}
