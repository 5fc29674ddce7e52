import type { FieldErrors, FieldName } from '../forms/form-values.ts';
import { Bi } from './bi.tsx';
import { pageText } from './page-text.ts';

/** The list of problems at the top of a form, each linking to its field (WCAG 3.3.1). */
export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const fields = Object.keys(errors) as FieldName[];
  if (fields.length === 0) return null;
  return (
    <div className="notice problem" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">
        <Bi text={pageText.errorSummary} />
      </h2>
      <ul>
        {fields.map((field) => {
          const error = errors[field];
          return error === undefined ? null : (
            <li key={field}>
              <a href={`#${field}`}>
                <Bi text={error} />
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
