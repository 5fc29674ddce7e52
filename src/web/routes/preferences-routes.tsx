import { isGazetteError } from '../../errors.ts';
import { parseTimeZone } from '../../subscribers/parse-time-zone.ts';
import { sendChangeNotice } from '../../transactional/send-change-notice.ts';
import { parseChoices } from '../forms/parse-choices.ts';
import { readFormBody } from '../forms/read-form-body.ts';
import { pageText } from '../pages/page-text.ts';
import { PreferencesPage } from '../pages/preferences-page.tsx';
import { renderPage } from '../pages/render-page.ts';
import type { RouteGroup } from '../route-group.ts';
import { badForm, message, uidFromToken } from './respond.tsx';

/** Language, topics and lists, behind the manage token. Saving never changes the status. */
export const preferencesRoutes: RouteGroup = (app, context) => {
  app.get('/preferences/:token', async (c) => {
    const parsed = uidFromToken(c, context, 'manage');
    if ('response' in parsed) return parsed.response;
    const subscriber = await context.store.findByUid(parsed.uid);
    if (subscriber === undefined)
      return message(
        c,
        context,
        { title: pageText.notFoundTitle, body: [pageText.notSubscribed], role: 'alert' },
        404,
      );
    const values = {
      name: subscriber.name ?? '',
      locale: subscriber.locale,
      categories: subscriber.categories,
      lists: subscriber.lists,
      adConsent: subscriber.adConsent,
    };
    return renderPage(
      c,
      <PreferencesPage
        config={context.config}
        token={parsed.token}
        email={subscriber.email}
        active={subscriber.status === 'active'}
        values={values}
        errors={{}}
        timeZone={subscriber.timeZone ?? ''}
      />,
    );
  });

  app.post('/preferences/:token', async (c) => {
    const parsed = uidFromToken(c, context, 'manage');
    if ('response' in parsed) return parsed.response;
    const subscriber = await context.store.findByUid(parsed.uid);
    if (subscriber === undefined)
      return message(
        c,
        context,
        { title: pageText.notFoundTitle, body: [pageText.notSubscribed], role: 'alert' },
        404,
      );
    const body = await readFormBody(c);
    if (body === undefined) return badForm(c, context);
    const { values, errors } = parseChoices(body, context.config);
    const zone = readTimeZone(body.timeZone);
    const failed = Object.keys(errors).length > 0 || zone === 'invalid';
    const updated = failed
      ? subscriber
      : ((await context.store.updatePreferences(
          parsed.uid,
          {
            name: values.name === '' ? null : values.name,
            locale: values.locale,
            categories: values.categories,
            lists: values.lists,
            adConsent: values.adConsent,
            // Absent from the form (an old page): left as it is. Empty: the newsletter's default.
            ...(zone === 'absent' ? {} : { timeZone: zone as string | null }),
          },
          context.now(),
        )) ?? subscriber);
    // 정보통신망법 §50⑦: giving or withdrawing the advertising consent is a change whose result the
    // reader is told, once (saving the page again without a change sends nothing).
    if (!failed && updated.status === 'active' && updated.adConsent !== subscriber.adConsent) {
      const kind = updated.adConsent ? 'ad-consent-given' : 'ad-consent-withdrawn';
      const at = context.now();
      context.defer(`result notice to subscriber ${updated.id}`, () =>
        sendChangeNotice(context, updated, { kind, via: 'web', at }),
      );
    }
    return renderPage(
      c,
      <PreferencesPage
        config={context.config}
        token={parsed.token}
        email={updated.email}
        active={updated.status === 'active'}
        values={values}
        errors={errors}
        timeZone={zone === 'invalid' || zone === 'absent' ? (updated.timeZone ?? '') : (zone ?? '')}
        timeZoneInvalid={zone === 'invalid'}
        saved={!failed}
      />,
      failed ? 422 : 200,
    );
  });
};

/** The posted zone: an IANA name, null for the default, `absent`, or `invalid` (shown as an error). */
function readTimeZone(raw: unknown): string | null | 'absent' | 'invalid' {
  if (raw === undefined) return 'absent';
  if (typeof raw !== 'string') return 'invalid';
  try {
    return parseTimeZone(raw) ?? null;
  } catch (error) {
    if (isGazetteError(error)) return 'invalid';
    throw error;
  }
}
