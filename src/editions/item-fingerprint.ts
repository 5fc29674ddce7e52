import { createHash } from 'node:crypto';
import type { Item } from '../content/item.ts';

/**
 * A version of an item: sha256 of everything it says, without the file it came from (moving
 * or renaming the file is not a change). Keys are sorted, so the spelling of the object does
 * not matter.
 */
export function itemFingerprint(item: Item): string {
  const { file: _file, ...content } = item;
  return createHash('sha256').update(stableJson(content)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
