import type { SubscribeInput, SubscribeResult } from '../../subscribers/subscriber.ts';
import { emptyValues } from '../forms/empty-values.ts';
import { formValues } from '../forms/form-values.ts';
import { parseSubscribeForm } from '../forms/parse-subscribe-form.ts';
import { readFormBody } from '../forms/read-form-body.ts';
import { pageText } from '../pages/page-text.ts';
import { renderPage } from '../pages/render-page.ts';
import { SubscribePage } from '../pages/subscribe-page.tsx';
import type { RouteGroup } from '../route-group.ts';
import { sendConfirmation } from '../../transactional/send-confirmation.ts';
import type { WebContext } from '../web-deps.ts';
import { badForm, message } from './respond.tsx';

/**
 * GET shows the form; POST records the request and answers "check your inbox" whatever the
 * address's state, so the page never tells who is subscribed. The store's work and the mail
 * happen after the response, so the timing does not tell either.
 */
export const subscribeRoutes: RouteGroup = (app, context) => {
  // Subscribers whose confirmation mail is being sent now: a quick second request sends no
  // duplicate while the first is under way (one process serves the forms).
  const sending = new Set<number>();

  /**
   * Record the request, then mail the confirmation if one is due. The mail is marked sent only
   * once the mailer has taken it: after an SMTP failure the next request gets a new mail.
   */
  async function recordAndConfirm(request: SubscribeInput, now: Date): Promise<void> {
    const result = await context.store.subscribe(request, now);
    const subscriber = result.subscriber;
    if (subscriber === undefined || !shouldSendConfirmation(result, now, context)) return;
    if (sending.has(subscriber.id)) return;
    sending.add(subscriber.id);
    try {
      await sendConfirmation(context, subscriber, now).catch((error: unknown) => {
        throw new Error(`confirmation mail to subscriber ${subscriber.id} failed`, { cause: error });
      });
      await context.store.markConfirmationSent(subscriber.id, now);
    } finally {
      sending.delete(subscriber.id);
    }
  }

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
    const request: SubscribeInput = {
      email: values.email,
      name: values.name === '' ? null : values.name,
      locale: values.locale,
      categories: values.categories,
      lists: values.lists,
      adConsent: values.adConsent,
      consent: {
        source: 'form',
        ip: context.clientIp(c),
        userAgent: (c.req.header('user-agent') ?? '').slice(0, 512) || null,
        version: context.config.consentVersion,
      },
    };
    // Everything that depends on the address (an unknown one gets new rows, a known one does
    // not) runs after the response, so neither the page nor its timing tells who is subscribed.
    context.defer('subscribe request', () => recordAndConfirm(request, now));
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
