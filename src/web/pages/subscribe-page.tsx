import type { Config } from '../../config/config.ts';
import type { FieldErrors, SubscribeValues } from '../forms/form-values.ts';
import { Bi } from './bi.tsx';
import { ChoiceFields, FieldError } from './choice-fields.tsx';
import { ErrorSummary } from './error-summary.tsx';
import { Layout } from './layout.tsx';
import { pageText } from './page-text.ts';

export interface SubscribePageProps {
  config: Pick<Config, 'name' | 'postalAddress' | 'categories' | 'lists'>;
  values: SubscribeValues;
  errors: FieldErrors;
}

/** The sign-up form; shown again with the reader's input and the problems when it is refused. */
export function SubscribePage({ config, values, errors }: SubscribePageProps) {
  return (
    <Layout config={config} title={pageText.subscribeTitle}>
      <p>
        <Bi text={pageText.subscribeIntro} />
      </p>
      <SubscribeForm config={config} values={values} errors={errors} />
      <p>
        <a href="/archive">
          <Bi text={pageText.pastEditions} />
        </a>
      </p>
    </Layout>
  );
}

/** The form itself, on the subscribe page and the home page. */
export function SubscribeForm({ config, values, errors }: SubscribePageProps) {
  const emailInvalid =
    errors.email === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': 'email-error' };
  return (
    <>
      <ErrorSummary errors={errors} />
      <form method="post" action="/subscribe" noValidate>
        <div className="field">
          <label htmlFor="email">
            <Bi text={pageText.email} />
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            defaultValue={values.email}
            {...emailInvalid}
          />
          <FieldError field="email" errors={errors} />
        </div>
        <ChoiceFields config={config} values={values} errors={errors} />
        {/* Bots fill every field; people never see this one. */}
        <div className="hp" aria-hidden="true">
          <label htmlFor="website">
            <Bi text={pageText.honeypot} />
          </label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <p className="consent">
          <Bi text={pageText.consent} />
        </p>
        <button type="submit">
          <Bi text={pageText.submit} />
        </button>
      </form>
    </>
  );
}
