import type { Config } from '../config/config.ts';
import { createWebhookReceiver } from '../inbound/create-webhook-receiver.ts';
import { createWebhookRoutes } from '../web/routes/webhook-routes.ts';
import type { RouteGroup } from '../web/route-group.ts';
import { openInbound } from './open-inbound.ts';

export interface OpenedWebhooks {
  /** Route groups to add to the web app: none when no provider is configured. */
  groups: RouteGroup[];
  /** Finish processing what was received, then close the database. */
  close(): Promise<void>;
}

/** `gazette serve`'s provider webhooks (inbound.webhooks), over their own inbound pipeline. */
export async function openWebhooks(config: Config, secret: string): Promise<OpenedWebhooks> {
  const { snsTopicArns = [], postmark } = config.inbound.webhooks;
  if (snsTopicArns.length === 0 && !postmark) return { groups: [], close: async () => {} };
  const opened = await openInbound(config);
  // Notifications stored before a crash are finished first.
  await opened.pipeline.processPending();
  const receiver = createWebhookReceiver({ pipeline: opened.pipeline, snsTopicArns, postmark, secret });
  return {
    groups: [createWebhookRoutes(receiver)],
    async close() {
      await opened.pipeline.idle();
      await opened.close();
    },
  };
}
