import type { RouteGroup } from '../route-group.ts';

/** What the routes need of the receiver (inbound/'s createWebhookReceiver satisfies it). */
export interface WebhookHandlers {
  ses(body: string): Promise<WebhookAnswer>;
  postmark(body: string, authorization: string | undefined): Promise<WebhookAnswer>;
}

interface WebhookAnswer {
  status: 200 | 400 | 401 | 403 | 404 | 503;
  body: string;
}

/**
 * Provider webhooks (docs/inbound.md): Amazon SES through SNS at /webhooks/ses, Postmark at
 * /webhooks/postmark. The receiver authenticates and stores; these routes only carry HTTP.
 * Answers are short plain text: a provider reads the status, never a page.
 */
export function createWebhookRoutes(receiver: WebhookHandlers): RouteGroup {
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
