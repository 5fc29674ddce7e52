import type { Config } from '../../config/config.ts';
import { isGazetteError } from '../../errors.ts';
import { normalizeEmail } from '../../subscribers/normalize-email.ts';
import type { FieldErrors, FormBody, SubscribeValues } from './form-values.ts';
import { formValues } from './form-values.ts';
import { parseChoices } from './parse-choices.ts';

/** The subscribe form: a strictly valid address plus the choices; `email` comes back normalised. */
export function parseSubscribeForm(
  body: FormBody,
  config: Pick<Config, 'categories' | 'lists'>,
): { values: SubscribeValues; errors: FieldErrors } {
  const { values, errors } = parseChoices(body, config);
  const raw = formValues(body, 'email')[0] ?? '';
  let email = raw.slice(0, 320);
  try {
    email = normalizeEmail(raw);
  } catch (error) {
    if (!isGazetteError(error, 'SUBSCRIBER_INVALID')) throw error;
    errors.email = {
      ko: '올바른 이메일 주소를 입력해 주세요 (예: name@example.com).',
      en: `Enter a valid email address, like name@example.com. ${error.message}`,
    };
    // Shown again in the form: line breaks are dropped so the field holds one line.
    email = email.replace(/[\r\n]+/g, ' ');
  }
  return { values: { ...values, email }, errors };
}
