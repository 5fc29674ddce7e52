import type { Config } from '../config/config.ts';
import { unsubscribeMailto } from './unsubscribe-mail-token.ts';

/**
 * The mailto of a recipient's `List-Unsubscribe` for one list (`''`: every list): the
 * per-recipient `unsubscribe+TOKEN@<inbound.domain>` once `gazette inbound` receives there
 * (issue 14), else the configured `unsubscribeMailto`, else none.
 */
export function listUnsubscribeMailto(
  config: Pick<Config, 'inbound' | 'unsubscribeMailto' | 'secret'>,
  subscriber: { uid: string },
  listId: string,
): string | undefined {
  const domain = config.inbound.domain;
  if (domain === undefined || config.secret === undefined || config.secret === '')
    return config.unsubscribeMailto;
  return unsubscribeMailto(config.secret, domain.toLowerCase(), subscriber, listId);
}
