import type { Locale } from '../../locale.ts';
import type { BiText } from '../pages/bi.tsx';

/** What the preferences form holds (the subscribe form adds the address). */
export interface ChoiceValues {
  name: string;
  locale: Locale;
  categories: string[];
  lists: string[];
  adConsent: boolean;
}

export interface SubscribeValues extends ChoiceValues {
  email: string;
}

export type FieldName = 'email' | 'name' | 'locale' | 'categories' | 'lists';

/** One message per field at fault, shown next to it and in the summary. */
export type FieldErrors = Partial<Record<FieldName, BiText>>;

/** A parsed body: `all: true` turns repeated fields into arrays. */
export type FormBody = Record<string, string | File | (string | File)[]>;

/** Every string value of a field, files ignored. */
export function formValues(body: FormBody, key: string): string[] {
  const value = body[key];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string');
}
