import { LRUCache } from 'lru-cache';
import type { ListConfig } from '../config/config-schema.ts';
import type { EditionOptions } from '../edition/build-editions.ts';
import type { Edition } from '../edition/edition.ts';
import { editionItems } from '../edition/edition.ts';
import { filterEdition } from '../edition/filter-edition.ts';
import type { DigestRenderer, RenderedDigest } from './digest-renderer.ts';
import type { MimeTemplate } from './create-mime-template.ts';
import { createMimeTemplate } from './create-mime-template.ts';
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
  /**
   * The segment's MIME body laid out once (createMimeTemplate); undefined when its share is empty,
   * or when its template was let go to stay within the bound (then nodemailer composes its copies).
   */
  mime(key: string): Promise<MimeTemplate | undefined>;
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

/**
 * What the kept MIME templates may weigh (Buffers, outside the JavaScript heap): a bilingual
 * segment's template holds its body's base64 up to three times (≈ 0.4 MB), so ≈ 20 of them. A
 * list whose readers fall into more segments sends the rest as before (composed by nodemailer).
 */
export const MIME_CACHE_BYTES = 4 * 1024 * 1024;

/** Render each segment once per run, however many recipients share it, within a memory bound. */
export function createSegmentCache(
  renderer: DigestRenderer,
  list: ListConfig,
  listEdition: Edition,
  options: EditionOptions & { maxBytes?: number; maxMimeBytes?: number },
): SegmentCache {
  const shares = new Map<string, SegmentShare>();
  // Finished renders, weighed; lru-cache lets the least recently used go past maxSize. A render
  // in progress has no weight yet: it waits in `pending` so concurrent callers share it.
  const kept = new LRUCache<string, RenderedDigest>({ maxSize: options.maxBytes ?? SEGMENT_CACHE_BYTES });
  const pending = new Map<string, Promise<RenderedDigest | undefined>>();
  const seen = new Set<string>();
  // A segment whose template was let go is not laid out again: with more segments than fit,
  // laying them out by turns would cost more (CPU and memory churn) than it saves; its readers'
  // copies are composed by nodemailer, as without a template.
  const letGo = new Set<string>();
  const templates = new LRUCache<string, MimeTemplate>({
    maxSize: options.maxMimeBytes ?? MIME_CACHE_BYTES,
    dispose: (_template, key, reason) => {
      if (reason === 'evict') letGo.add(key);
    },
  });
  const laying = new Map<string, Promise<MimeTemplate | undefined>>();
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

  const render = (key: string): Promise<RenderedDigest | undefined> => {
    const hit = kept.get(key);
    if (hit) return Promise.resolve(hit);
    const inProgress = pending.get(key);
    if (inProgress) return inProgress;
    const { edition, items } = share(key);
    // No empty emails: a segment whose share of the edition is empty gets nothing.
    if (items === 0) return Promise.resolve(undefined);
    count++;
    if (seen.has(key)) rerenders++;
    seen.add(key);
    const rendered = renderer.render(edition, list, parseSegment(key).locale);
    pending.set(key, rendered);
    rendered.then(
      (digest) => {
        pending.delete(key);
        // One heavier than the whole bound is not kept (lru-cache refuses it): rendered again.
        if (digest) kept.set(key, digest, { size: Math.max(1, weight(digest.html) + weight(digest.text)) });
      },
      // A failed render is not kept: the caller sees the rejection, a later call tries again.
      () => pending.delete(key),
    );
    return rendered;
  };

  return {
    share,
    render,
    mime(key) {
      const hit = templates.get(key);
      if (hit) return Promise.resolve(hit);
      const inProgress = laying.get(key);
      if (inProgress) return inProgress;
      if (letGo.has(key)) return Promise.resolve(undefined);
      const laid = render(key).then((digest) => {
        if (!digest) return undefined;
        const template = createMimeTemplate(digest);
        templates.set(key, template, { size: Math.max(1, template.bytes) });
        return template;
      });
      laying.set(key, laid);
      const done = () => laying.delete(key);
      laid.then(done, done);
      return laid;
    },
    stats: () => ({ renders: count, rerenders }),
  };
}

/** Bytes V8 holds a string in: one a character for Latin-1 text, two once any other is in it. */
function weight(text: string): number {
  return BEYOND_LATIN1.test(text) ? 2 * text.length : text.length;
}

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/; // eslint-disable-line no-control-regex -- the range starts at 0
