import type { Config } from '../config/config.ts';
import { renderDigest } from '../render/render-digest.ts';
import { personalize } from '../render/personalize.ts';
import { links } from '../render/links.ts';
import type { DigestRenderer } from './digest-renderer.ts';

/** The real renderer: MJML + React Email once per segment, placeholders swapped per recipient. */
export function createDigestRenderer(config: Config): DigestRenderer {
  return {
    render: (edition, list, locale) => renderDigest(edition, { config, list, locale }),
    personalize: (rendered, recipient) => personalize(rendered, recipient),
    unsubscribeUrl: (token) => links.unsubscribe(config.publicUrl, token),
  };
}
