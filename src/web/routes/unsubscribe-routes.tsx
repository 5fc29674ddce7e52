import { formValues } from '../forms/form-values.ts';
import { readFormBody } from '../forms/read-form-body.ts';
import { pageText } from '../pages/page-text.ts';
import { renderPage } from '../pages/render-page.ts';
import { UnsubscribePage } from '../pages/unsubscribe-page.tsx';
import type { RouteGroup } from '../route-group.ts';
import { sendChangeNotice } from '../../transactional/send-change-notice.ts';
import { message, uidFromToken } from './respond.tsx';

/**
 * GET shows a button and changes nothing: link scanners follow GETs. POST unsubscribes at once.
 * RFC 8058 §3.1: mail providers POST `List-Unsubscribe=One-Click` with no cookie and no CSRF
 * token; the signed token in the URL is the authorisation, and the answer is 2xx.
 */
export const unsubscribeRoutes: RouteGroup = (app, context) => {
  app.get('/unsubscribe/:token', async (c) => {
    const parsed = uidFromToken(c, context, 'manage');
    if ('response' in parsed) return parsed.response;
    const subscriber = await context.store.findByUid(parsed.uid);
    if (subscriber === undefined || (subscriber.status !== 'active' && subscriber.status !== 'pending')) {
      return message(c, context, { title: pageText.unsubscribedTitle, body: [pageText.notSubscribed] });
    }
    return renderPage(
      c,
      <UnsubscribePage config={context.config} token={parsed.token} email={subscriber.email} />,
    );
  });

  app.post('/unsubscribe/:token', async (c) => {
    const parsed = uidFromToken(c, context, 'manage');
    if ('response' in parsed) return parsed.response;
    // RFC 8058 §3.2: the POST unsubscribes whatever its body; an unreadable one only loses the label.
    const body = (await readFormBody(c)) ?? {};
    const oneClick =
      formValues(body, 'List-Unsubscribe').includes('One-Click') && c.req.header('origin') === undefined;
    const via = oneClick ? 'one-click' : 'web';
    const subscriber = await context.store.unsubscribe(parsed.uid, via, context.now());
    // 정보통신망법 §50⑦: the result, once per change (a second POST finds the notice recorded).
    if (subscriber?.status === 'unsubscribed')
      context.defer(`result notice to subscriber ${subscriber.id}`, () =>
        sendChangeNotice(context, subscriber, { kind: 'unsubscribed', via }),
      );
    return message(c, context, {
      title: pageText.unsubscribedTitle,
      body: [pageText.unsubscribed],
      link: { href: '/subscribe', text: pageText.subscribeAgain },
    });
  });
};
