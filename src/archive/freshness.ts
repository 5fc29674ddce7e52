import { createHash } from 'node:crypto';

/** The validators of one response. */
export interface Validators {
  /** A strong entity tag, quotes included. */
  etag: string;
  /** Whole seconds: HTTP dates carry no milliseconds. */
  lastModified: Date;
}

/** A strong ETag from the exact bytes served, and Last-Modified cut to whole seconds. */
export function validatorsFor(body: string, modifiedMs: number): Validators {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  // Never in the future (a clock-skewed file), never before the epoch (an unknown time).
  const seconds = Math.floor(Math.min(Math.max(modifiedMs, 0), Date.now()) / 1000);
  return { etag, lastModified: new Date(seconds * 1000) };
}

/**
 * True when a GET or HEAD may be answered 304 Not Modified. RFC 9110 §13.2.2: If-None-Match
 * decides when present (weak comparison, `*` matches any); If-Modified-Since counts only without
 * it, and an unparsable date is ignored.
 */
export function isNotModified(
  headers: { ifNoneMatch?: string | undefined; ifModifiedSince?: string | undefined },
  validators: Validators,
): boolean {
  if (headers.ifNoneMatch !== undefined) {
    const wanted = opaque(validators.etag);
    return headers.ifNoneMatch
      .split(',')
      .map((tag) => tag.trim())
      .some((tag) => tag === '*' || opaque(tag) === wanted);
  }
  if (headers.ifModifiedSince !== undefined) {
    const since = Date.parse(headers.ifModifiedSince);
    return !Number.isNaN(since) && validators.lastModified.getTime() <= since;
  }
  return false;
}

// Weak comparison: W/"x" and "x" name the same representation for a GET.
function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
