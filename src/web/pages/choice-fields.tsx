import type { Config } from '../../config/config.ts';
import type { Locale } from '../../locale.ts';
import type { ChoiceValues, FieldErrors, FieldName } from '../forms/form-values.ts';
import { Bi } from './bi.tsx';
import type { BiText } from './bi.tsx';
import { pageText } from './page-text.ts';

const LOCALE_LABELS: Record<Locale, BiText> = {
  ko: pageText.localeKo,
  en: pageText.localeEn,
  bilingual: pageText.localeBilingual,
};

/** The message under a field, linked from it with aria-describedby. */
export function FieldError({ field, errors }: { field: FieldName; errors: FieldErrors }) {
  const error = errors[field];
  return error === undefined ? null : (
    <p className="field-error" id={`${field}-error`}>
      <Bi text={error} />
    </p>
  );
}

/** Name, language, topics, lists and ad consent: shared by the subscribe and preferences forms. */
export function ChoiceFields({
  config,
  values,
  errors,
}: {
  config: Pick<Config, 'categories' | 'lists'>;
  values: ChoiceValues;
  errors: FieldErrors;
}) {
  const invalid = (field: FieldName) =>
    errors[field] === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': `${field}-error` };
  return (
    <>
      <div className="field">
        <label htmlFor="name">
          <Bi text={pageText.name} />
        </label>
        <input
          id="name"
          name="name"
          type="text"
          autoComplete="name"
          maxLength={100}
          defaultValue={values.name}
          {...invalid('name')}
        />
        <FieldError field="name" errors={errors} />
      </div>
      <fieldset id="locale" {...invalid('locale')}>
        <legend>
          <Bi text={pageText.language} />
        </legend>
        {(Object.keys(LOCALE_LABELS) as Locale[]).map((locale) => (
          <label key={locale} className="choice">
            <input type="radio" name="locale" value={locale} defaultChecked={values.locale === locale} />{' '}
            <Bi text={LOCALE_LABELS[locale]} />
          </label>
        ))}
        <FieldError field="locale" errors={errors} />
      </fieldset>
      {config.categories.length === 0 ? null : (
        <fieldset id="categories" {...invalid('categories')}>
          <legend>
            <Bi text={pageText.topics} />
          </legend>
          {config.categories.map((category) => (
            <label key={category.id} className="choice">
              <input
                type="checkbox"
                name="categories"
                value={category.id}
                defaultChecked={values.categories.includes(category.id)}
              />{' '}
              <Bi text={category.label} />
            </label>
          ))}
          <FieldError field="categories" errors={errors} />
        </fieldset>
      )}
      {config.lists.length < 2 ? null : (
        <fieldset id="lists" {...invalid('lists')}>
          <legend>
            <Bi text={pageText.lists} />
          </legend>
          {config.lists.map((list) => (
            <label key={list.id} className="choice">
              <input
                type="checkbox"
                name="lists"
                value={list.id}
                defaultChecked={values.lists.includes(list.id)}
              />{' '}
              <Bi text={list.name} />
            </label>
          ))}
          <FieldError field="lists" errors={errors} />
        </fieldset>
      )}
      <div className="field">
        <label className="choice">
          <input type="checkbox" name="adConsent" value="yes" defaultChecked={values.adConsent} />{' '}
          <Bi text={pageText.adConsent} />
        </label>
      </div>
    </>
  );
}
