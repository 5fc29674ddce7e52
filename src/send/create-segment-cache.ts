import type { ListConfig } from '../config/config-schema.ts';
import type { EditionOptions } from '../edition/build-editions.ts';
import type { Edition } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';
import { filterEdition } from '../edition/filter-edition.ts';
import type { DigestRenderer, RenderedDigest } from './digest-renderer.ts';
import { parseSegment } from './segment.ts';

/** A segment's share of the edition. */
export interface SegmentShare {
  edition: Edition;
  items: number;
}

export interface SegmentCache {
  /** The segment's share of the edition (cheap, pure). */
  share(key: string): SegmentShare;
  /** The segment's email, rendered on first use; undefined when its share is empty. */
  render(key: string): Promise<RenderedDigest | undefined>;
}

/** Render each segment once per run, however many recipients share it. */
export function createSegmentCache(
  renderer: DigestRenderer,
  list: ListConfig,
  listEdition: Edition,
  options: EditionOptions,
): SegmentCache {
  const shares = new Map<string, SegmentShare>();
  const renders = new Map<string, Promise<RenderedDigest | undefined>>();
  const share = (key: string): SegmentShare => {
    let entry = shares.get(key);
    if (!entry) {
      const edition = filterEdition(listEdition, parseSegment(key).topics, options);
      entry = { edition, items: editionItems(edition).length };
      shares.set(key, entry);
    }
    return entry;
  };
  return {
    share,
    render(key) {
      let entry = renders.get(key);
      if (!entry) {
        const { edition, items } = share(key);
        // No empty emails: a segment whose share of the edition is empty gets nothing.
        entry =
          items === 0 ? Promise.resolve(undefined) : renderer.render(edition, list, parseSegment(key).locale);
        renders.set(key, entry);
      }
      return entry;
    },
  };
}
