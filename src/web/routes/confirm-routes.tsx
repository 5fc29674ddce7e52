import type { Context } from 'hono';
import type { Subscriber } from '../../subscribers/subscriber.ts';
import { manageToken } from '../../subscribers/tokens.ts';
import { ConfirmPage } from '../pages/confirm-page.tsx';
import { pageText } from '../pages/page-text.ts';
import { renderPage } from '../pages/render-page.ts';
import type { RouteGroup } from '../route-group.ts';
import { sendWelcome } from '../../transactional/send-welcome.ts';
import type { WebContext } from '../web-deps.ts';
import { message, uidFromToken } from './respond.tsx';

/**
 * Double opt-in. GET shows one button and changes nothing: corporate mail gateways follow
 * links, and a subscription they confirmed would prove no consent (issue 11). The POST from
 * that button activates. Idempotent: a second press shows the same page and sends no second
 * welcome. An old link never revives an unsubscribed address.
 */
export const confirmRoutes: RouteGroup = (app, context) => {
  app.get('/confirm/:token', async (c) => {
    const parsed = uidFromToken(c, context, 'confirm');
    if ('response' in parsed) return parsed.response;
    const subscriber = await context.store.findByUid(parsed.uid);
    if (subscriber?.status === 'active') return confirmed(c, context, subscriber);
    if (subscriber?.status !== 'pending') return stale(c, context);
    return renderPage(
      c,
      <ConfirmPage config={context.config} token={parsed.token} email={subscriber.email} />,
    );
  });

  app.post('/confirm/:token', async (c) => {
    const parsed = uidFromToken(c, context, 'confirm');
    if ('response' in parsed) return parsed.response;
    const result = await context.store.confirm(parsed.uid, context.clientIp(c), context.now());
    if (result === undefined || result.subscriber.status !== 'active') return stale(c, context);
    const subscriber = result.subscriber;
    // The welcome is also the consent's result notice (정보통신망법 §50⑦, notices.changeResults).
    if (result.changed)
      context.defer(`welcome mail to subscriber ${subscriber.id}`, () => sendWelcome(context, subscriber));
    return confirmed(c, context, subscriber);
  });
};

function confirmed(c: Context, context: WebContext, subscriber: Subscriber): Response {
  return message(c, context, {
    title: pageText.confirmedTitle,
    body: [pageText.confirmed],
    link: {
      href: `/preferences/${manageToken(context.secret, subscriber)}`,
      text: pageText.managePreferences,
    },
  });
}

function stale(c: Context, context: WebContext): Response {
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
