import { manageToken } from '../../subscribers/tokens.ts';
import { clientIp } from '../client-ip.ts';
import { pageText } from '../pages/page-text.ts';
import type { RouteGroup } from '../route-group.ts';
import { sendWelcome } from '../transactional/send-welcome.ts';
import { message, uidFromToken } from './respond.tsx';

/**
 * Double opt-in: the link from the confirmation mail activates the subscription (as the issue
 * asks: one click from the mail). Idempotent: a second visit shows the same page and sends no
 * second welcome. An old link never revives an unsubscribed address.
 */
export const confirmRoutes: RouteGroup = (app, context) => {
  app.get('/confirm/:token', async (c) => {
    const parsed = uidFromToken(c, context, 'confirm');
    if ('response' in parsed) return parsed.response;
    const result = await context.store.confirm(parsed.uid, clientIp(c), context.now());
    if (result === undefined || result.subscriber.status !== 'active') {
      return message(
        c,
        context,
        {
          title: pageText.invalidLinkTitle,
          body: [pageText.staleLink],
          role: 'alert',
          link: { href: '/subscribe', text: pageText.subscribeAgain },
        },
        410,
      );
    }
    const subscriber = result.subscriber;
    if (result.changed)
      context.defer(`welcome mail to subscriber ${subscriber.id}`, () => sendWelcome(context, subscriber));
    return message(c, context, {
      title: pageText.confirmedTitle,
      body: [pageText.confirmed],
      link: {
        href: `/preferences/${manageToken(context.secret, subscriber)}`,
        text: pageText.managePreferences,
      },
    });
  });
};
