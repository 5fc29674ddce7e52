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
  /** Renders so far, and how many of them were of a segment rendered before and let go. */
  stats(): { renders: number; rerenders: number };
}

/**
 * What the kept renders may weigh: ≈ 100 segments of a Korean or bilingual day, sized to fit,
 * with the ≈ 40 MB of loaded code, under the send's 64 MB heap cap (docs/sending.md). A list
 * whose readers fall into more segments still sends: the least recently used emails are let go
 * and rendered again when their turn comes (slower, never out of memory).
 */
export const SEGMENT_CACHE_BYTES = 16 * 1024 * 1024;

/** Render each segment once per run, however many recipients share it, within a memory bound. */
export function createSegmentCache(
  renderer: DigestRenderer,
  list: ListConfig,
  listEdition: Edition,
  options: EditionOptions & { maxBytes?: number },
): SegmentCache {
  const maxBytes = options.maxBytes ?? SEGMENT_CACHE_BYTES;
  const shares = new Map<string, SegmentShare>();
  // Insertion order is recency: a hit moves its entry to the end; eviction takes from the front.
  const renders = new Map<string, { rendered: Promise<RenderedDigest | undefined>; bytes: number }>();
  const seen = new Set<string>();
  let kept = 0;
  let count = 0;
  let rerenders = 0;

  const share = (key: string): SegmentShare => {
    let entry = shares.get(key);
    if (!entry) {
      const edition = filterEdition(listEdition, parseSegment(key).topics, options);
      entry = { edition, items: editionItems(edition).length };
      shares.set(key, entry);
    }
    return entry;
  };

  const evict = (keep: string) => {
    for (const [key, entry] of renders) {
      if (kept <= maxBytes) return;
      // Renders still in progress weigh 0 and are left alone; so is the one just made.
      if (key === keep || entry.bytes === 0) continue;
      renders.delete(key);
      kept -= entry.bytes;
    }
  };

  return {
    share,
    render(key) {
      const hit = renders.get(key);
      if (hit) {
        renders.delete(key);
        renders.set(key, hit);
        return hit.rendered;
      }
      const { edition, items } = share(key);
      // No empty emails: a segment whose share of the edition is empty gets nothing.
      if (items === 0) return Promise.resolve(undefined);
      count++;
      if (seen.has(key)) rerenders++;
      seen.add(key);
      const entry = { rendered: renderer.render(edition, list, parseSegment(key).locale), bytes: 0 };
      renders.set(key, entry);
      entry.rendered.then(
        (rendered) => {
          if (renders.get(key) !== entry || rendered === undefined) return;
          entry.bytes = weight(rendered.html) + weight(rendered.text);
          kept += entry.bytes;
          evict(key);
        },
        // A failed render is not kept: the caller sees the rejection, a later call tries again.
        () => {
          if (renders.get(key) === entry) renders.delete(key);
        },
      );
      return entry.rendered;
    },
    stats: () => ({ renders: count, rerenders }),
  };
}

/** Bytes V8 holds a string in: one a character for Latin-1 text, two once any other is in it. */
function weight(text: string): number {
  return BEYOND_LATIN1.test(text) ? 2 * text.length : text.length;
}

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/; // eslint-disable-line no-control-regex -- the range starts at 0
