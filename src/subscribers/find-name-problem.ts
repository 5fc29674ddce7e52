/** A subscriber's display name: at most this many characters (UTF-16 code units, as the form counts). */
export const MAX_NAME_LENGTH = 100;

/**
 * Characters a display name may not hold, on every path (import, `subscribers add`, the web
 * form): C0 and C1 controls (NUL, which PostgreSQL text refuses; U+0085 NEL, a line break in
 * some mail clients), the Unicode line and paragraph separators, bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069: "Trojan Source"-style reordering of a
 * greeting) and lone surrogates (not valid UTF-8 on the way out).
 */
const FORBIDDEN = /[\p{Cc}\p{Cs}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/**
 * Why a display name (already trimmed) cannot be stored, in English, or undefined when it can.
 * The one rule for names; callers turn the reason into their own error or form message.
 */
export function findNameProblem(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return `a name is at most ${MAX_NAME_LENGTH} characters`;
  const bad = FORBIDDEN.exec(name);
  if (bad === null) return undefined;
  const codePoint = bad[0].codePointAt(0) ?? 0;
  const label = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\r\n\u0085\u2028\u2029]/u.test(bad[0])
    ? `a name cannot contain a line break (${label})`
    : `a name cannot contain the control character ${label}`;
}
