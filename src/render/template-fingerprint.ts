import { createHash } from 'node:crypto';

const HEAD = /<mj-head>([\s\S]*?)<\/mj-head>/;
const TITLE = /<mj-title>[\s\S]*?<\/mj-title>/;
const MJML_TAG = /<mj-[a-z-]+(?:\s[^>]*)?>/g;

/**
 * What MJML's overhead depends on, hashed: the head (defaults, font stacks, styles; not the
 * title, which is measured on its own) and every distinct MJML tag with its attributes (a
 * section's tables and conditionals follow from them; the text inside passes through verbatim).
 * Content cannot forge an MJML tag: React escapes `<` in text. Two digests with the same
 * fingerprint have the same per-section overhead, so one learned overhead serves both.
 */
export function templateFingerprint(markup: string): string {
  const head = (HEAD.exec(markup)?.[1] ?? '').replace(TITLE, '');
  const tags = new Set(markup.match(MJML_TAG) ?? []);
  return createHash('sha256')
    .update(head)
    .update('\0')
    .update([...tags].sort().join('\n'))
    .digest('base64url')
    .slice(0, 22);
}
