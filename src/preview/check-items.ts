import type { Item } from '../content/item.ts';
import type { Language, Locale, Localized } from '../locale.ts';
import { languagesOf } from '../locale.ts';
import type { Finding } from './preview-views.ts';

/** Below this the newsroom is unsure of an item; an editor should read it before it goes out. */
export const LOW_CONFIDENCE = 0.6;

const LANGUAGE_NAME: Record<Language, string> = { ko: 'Korean', en: 'English' };
const FIELDS = ['title', 'summary', 'soWhat', 'keyPoints'] as const;
const FIELD_NAME: Record<(typeof FIELDS)[number], string> = {
  title: 'title',
  summary: 'summary',
  soWhat: 'so what',
  keyPoints: 'key points',
};

/**
 * Item-level preflight for one locale: text the locale shows that exists only in the other
 * language (the email falls back to it), and items the newsroom marked as low confidence.
 */
export function checkItems(items: readonly Item[], locale: Locale): Finding[] {
  const findings: Finding[] = [];
  for (const item of items) {
    for (const language of languagesOf(locale)) {
      const missing = FIELDS.filter((field) => lacks(item[field], language)).map(
        (field) => FIELD_NAME[field],
      );
      if (missing.length === 0) continue;
      const other = language === 'ko' ? 'en' : 'ko';
      findings.push({
        check: 'translation',
        severity: 'warning',
        message: `${item.id} (${item.file}): no ${LANGUAGE_NAME[language]} ${missing.join(', ')}; the ${LANGUAGE_NAME[other]} text is shown instead`,
      });
    }
    if (item.confidence !== undefined && item.confidence < LOW_CONFIDENCE) {
      findings.push({
        check: 'confidence',
        severity: 'warning',
        message: `${item.id} (${item.file}): confidence ${item.confidence} is below ${LOW_CONFIDENCE}; check the facts before sending`,
      });
    }
  }
  return findings;
}

/** The field exists in some language but not in this one. */
function lacks(value: Localized<unknown>, language: Language): boolean {
  const present = (v: unknown) => v !== undefined && !(Array.isArray(v) && v.length === 0);
  return !present(value[language]) && (present(value.ko) || present(value.en));
}
