import type { Language } from '../locale.ts';

/**
 * Stand-ins for per-recipient values: the digest is rendered once with these, then
 * `personalize` swaps them. Only `[A-Z_]`, so React, MJML and URLs leave them intact; content
 * that happens to contain one is defused when the view is built (see `defusePlaceholders`).
 */
export const PLACEHOLDERS = {
  token: '__GZ_TOKEN__',
  greeting: { ko: '__GZ_HELLO_KO__', en: '__GZ_HELLO_EN__' } satisfies Record<Language, string>,
} as const;

const LOOK_ALIKE = /__GZ_/g;

/** Break any placeholder look-alike in content text so it is never substituted. */
export function defusePlaceholders(text: string): string {
  // A zero-width joiner between the underscores: reads the same, no longer matches.
  return text.includes('__GZ_') ? text.replace(LOOK_ALIKE, '_\u200d_GZ_') : text;
}

/**
 * The same for a URL from content (a link to a third party must not carry the recipient's token):
 * the first underscore percent-encoded, which servers read as the same path.
 */
export function defuseUrl(url: string | undefined): string | undefined {
  return url?.includes('__GZ_') ? url.replace(LOOK_ALIKE, '%5F_GZ_') : url;
}
