import type { WebhookReceiver } from '../../inbound/create-webhook-receiver.ts';
import type { RouteGroup } from '../route-group.ts';

/**
 * Provider webhooks (docs/inbound.md): Amazon SES through SNS at /webhooks/ses, Postmark at
 * /webhooks/postmark. The receiver authenticates and stores; these routes only carry HTTP.
 * Answers are short plain text: a provider reads the status, never a page.
 */
export function createWebhookRoutes(receiver: WebhookReceiver): RouteGroup {
  return (app) => {
    app.post('/webhooks/ses', async (c) => {
      const answer = await receiver.ses(await c.req.text());
      return c.text(answer.body, answer.status);
    });
    app.post('/webhooks/postmark', async (c) => {
      const answer = await receiver.postmark(await c.req.text(), c.req.header('authorization'));
      if (answer.status === 401) c.header('WWW-Authenticate', 'Basic realm="gazette webhooks"');
      return c.text(answer.body, answer.status);
    });
  };
}
