import type { CategoryConfig } from '../config/config-schema.ts';
import type { ParsedInbound } from './parse-inbound.ts';
import type { SubscribeWishes } from './mail-request.ts';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const BOTH = /둘\s*다|모두|한영|양쪽|\bboth\b|\bbilingual\b/i;

/**
 * Language and topics from the subject and the first lines a reader typed (quoted text and a
 * signature after `-- ` are not theirs): "둘 다" / "both" → bilingual, any Hangul (구독) → ko,
 * other letters → en; a category's id or label in either language → that topic.
 */
export function readSubscribeWishes(
  mail: Pick<ParsedInbound, 'subject' | 'text'>,
  categories: readonly CategoryConfig[],
): SubscribeWishes {
  const lines: string[] = [];
  for (const line of mail.text.split(/\r?\n/)) {
    if (line.startsWith('-- ') || /^(On .+ wrote:|.+님이 작성:)$/.test(line.trim())) break;
    if (line.trim() === '' || line.startsWith('>')) continue;
    lines.push(line);
    if (lines.length >= 5) break;
  }
  const text = [mail.subject, ...lines].join('\n');
  const locale = BOTH.test(text)
    ? 'bilingual'
    : HANGUL.test(text)
      ? 'ko'
      : /[A-Za-z]/.test(text)
        ? 'en'
        : undefined;
  const folded = text.toLowerCase();
  const found = categories.filter(
    (category) =>
      word(folded, category.id) ||
      word(folded, category.label.en.toLowerCase()) ||
      folded.includes(category.label.ko.toLowerCase()),
  );
  return { locale, categories: found.map((category) => category.id) };
}

/** A whole word (Latin letters and digits around it do not count as a match). */
function word(text: string, term: string): boolean {
  if (term === '') return false;
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(text);
}
