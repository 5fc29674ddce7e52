import type { ListConfig } from '../config/config-schema.ts';
import type { EditionOptions } from '../edition/build-editions.ts';
import type { Edition } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';
import { filterEdition } from '../edition/filter-edition.ts';
import type { DigestRenderer, RenderedDigest } from './digest-renderer.ts';
import { parseSegment } from './segment.ts';

/** A segment's share of the edition, and its email (undefined when the share is empty). */
export interface SegmentRender {
  edition: Edition;
  items: number;
  rendered?: RenderedDigest;
}

export interface SegmentCache {
  get(key: string): Promise<SegmentRender>;
}

/** Render each segment once per run, however many recipients share it. */
export function createSegmentCache(
  renderer: DigestRenderer,
  list: ListConfig,
  listEdition: Edition,
  options: EditionOptions,
): SegmentCache {
  const cache = new Map<string, Promise<SegmentRender>>();
  return {
    get(key) {
      let entry = cache.get(key);
      if (!entry) {
        entry = build(key);
        cache.set(key, entry);
      }
      return entry;
    },
  };

  async function build(key: string): Promise<SegmentRender> {
    const segment = parseSegment(key);
    const edition = filterEdition(listEdition, segment.topics, options);
    const items = editionItems(edition).length;
    // No empty emails: a segment whose share of the edition is empty gets nothing.
    if (items === 0) return { edition, items };
    return { edition, items, rendered: await renderer.render(edition, list, segment.locale) };
  }
}
