import type { Config } from '../../config/config.ts';
import type { ChoiceValues, FieldErrors } from '../forms/form-values.ts';
import { Bi } from './bi.tsx';
import { ChoiceFields } from './choice-fields.tsx';
import { ErrorSummary } from './error-summary.tsx';
import { Layout } from './layout.tsx';
import { pageText } from './page-text.ts';
import { TimeZoneField } from './time-zone-field.tsx';

export interface PreferencesPageProps {
  config: Pick<Config, 'name' | 'postalAddress' | 'categories' | 'lists' | 'timeZone'>;
  token: string;
  email: string;
  active: boolean;
  values: ChoiceValues;
  errors: FieldErrors;
  /** The reader's IANA zone as chosen, '' for the newsletter's default. */
  timeZone: string;
  /** The posted zone was not one Intl knows. */
  timeZoneInvalid?: boolean;
  saved?: boolean;
}

/** Change language, topics, lists; the token in the URL authorises it, the form posts back to it. */
export function PreferencesPage({
  config,
  token,
  email,
  active,
  values,
  errors,
  timeZone,
  timeZoneInvalid,
  saved,
}: PreferencesPageProps) {
  return (
    <Layout config={config} title={pageText.preferencesTitle}>
      <p className="address">{email}</p>
      {saved ? (
        <div className="notice" role="status">
          <p>
            <Bi text={pageText.saved} />
          </p>
        </div>
      ) : null}
      {active ? null : (
        <p className="notice">
          <Bi text={pageText.inactiveNote} />
        </p>
      )}
      <ErrorSummary errors={errors} />
      <form method="post" action={`/preferences/${token}`} noValidate>
        <ChoiceFields config={config} values={values} errors={errors} />
        <TimeZoneField value={timeZone} defaultZone={config.timeZone} invalid={timeZoneInvalid} />
        <button type="submit">
          <Bi text={pageText.save} />
        </button>
      </form>
      <p>
        <a href={`/unsubscribe/${token}`}>
          <Bi text={pageText.orUnsubscribe} />
        </a>
      </p>
    </Layout>
  );
}
