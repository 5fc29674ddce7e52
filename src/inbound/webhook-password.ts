import { createHmac } from 'node:crypto';

/**
 * The HTTP Basic password a provider's webhook must send, derived from GAZETTE_SECRET so no
 * second secret is kept (and a new secret retires it). `gazette inbound --webhook-urls` prints it.
 */
export function webhookPassword(secret: string, provider: string): string {
  return createHmac('sha256', secret).update(`gazette-webhook:${provider}`).digest('base64url').slice(0, 32);
}
