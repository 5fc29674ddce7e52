import type { Config } from '../../config/config.ts';
import type { SubscribeResult } from '../../subscribers/subscriber.ts';
import { clientIp } from '../client-ip.ts';
import type { SubscribeValues } from '../forms/form-values.ts';
import { formValues } from '../forms/form-values.ts';
import { parseSubscribeForm } from '../forms/parse-subscribe-form.ts';
import { readFormBody } from '../forms/read-form-body.ts';
import { pageText } from '../pages/page-text.ts';
import { renderPage } from '../pages/render-page.ts';
import { SubscribePage } from '../pages/subscribe-page.tsx';
import type { RouteGroup } from '../route-group.ts';
import { sendConfirmation } from '../transactional/send-confirmation.ts';
import type { WebContext } from '../web-deps.ts';
import { badForm, message } from './respond.tsx';

/**
 * GET shows the form; POST records the request and answers "check your inbox" whatever the
 * address's state, so the page never tells who is subscribed. The mail goes out after the
 * response, so the timing does not tell either.
 */
export const subscribeRoutes: RouteGroup = (app, context) => {
  app.get('/subscribe', (c) =>
    renderPage(c, <SubscribePage config={context.config} values={emptyValues(context.config)} errors={{}} />),
  );

  app.post('/subscribe', async (c) => {
    const body = await readFormBody(c);
    if (body === undefined) return badForm(c, context);
    const checkInbox = () =>
      message(c, context, { title: pageText.checkInboxTitle, body: [pageText.checkInbox] });
    if (formValues(body, 'website').some((v) => v !== '')) return checkInbox();
    const { values, errors } = parseSubscribeForm(body, context.config);
    if (Object.keys(errors).length > 0) {
      return renderPage(c, <SubscribePage config={context.config} values={values} errors={errors} />, 422);
    }
    const now = context.now();
    const result = await context.store.subscribe(
      {
        email: values.email,
        name: values.name === '' ? null : values.name,
        locale: values.locale,
        categories: values.categories,
        lists: values.lists,
        adConsent: values.adConsent,
        consent: {
          source: 'form',
          ip: clientIp(c),
          userAgent: (c.req.header('user-agent') ?? '').slice(0, 512) || null,
          version: context.config.consentVersion,
        },
      },
      now,
    );
    const subscriber = result.subscriber;
    if (subscriber !== undefined && shouldSendConfirmation(result, now, context)) {
      await context.store.markConfirmationSent(subscriber.id, now);
      context.defer(`confirmation mail to subscriber ${subscriber.id}`, () =>
        sendConfirmation(context, subscriber, now),
      );
    }
    return checkInbox();
  });
};

/** New and renewed requests get a mail; a pending one again only after the resend interval. */
function shouldSendConfirmation(result: SubscribeResult, now: Date, context: WebContext): boolean {
  if (result.outcome === 'created' || result.outcome === 'renewed') return true;
  if (result.outcome !== 'pending') return false;
  return (
    result.confirmSentAt === null || now.getTime() - Date.parse(result.confirmSentAt) >= context.resendAfterMs
  );
}

function emptyValues(config: Pick<Config, 'lists'>): SubscribeValues {
  return {
    email: '',
    name: '',
    locale: 'bilingual',
    categories: [],
    lists: config.lists.map((l) => l.id).slice(0, 1),
    adConsent: false,
  };
}
