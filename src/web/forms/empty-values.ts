import type { Config } from '../../config/config.ts';
import type { SubscribeValues } from './form-values.ts';

/** A fresh sign-up form: both languages, all topics, the first list. */
export function emptyValues(config: Pick<Config, 'lists'>): SubscribeValues {
  return {
    email: '',
    name: '',
    locale: 'bilingual',
    categories: [],
    lists: config.lists.map((l) => l.id).slice(0, 1),
    adConsent: false,
  };
}
