/**
 * The field groups of a `message/delivery-status` (RFC 3464 §2.1) or `message/feedback-report`
 * (RFC 5965 §3.1) body: header-like lines, folded lines unfolded, groups split by blank lines.
 * Names are lower-cased; a repeated name keeps its first value (and all of them in `all`).
 */
export function readFields(text: string): FieldGroup[] {
  const groups: FieldGroup[] = [];
  let current: FieldGroup | undefined;
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      current = undefined;
      last = undefined;
      continue;
    }
    if (/^[ \t]/.test(line) && current !== undefined && last !== undefined) {
      const values = current.all.get(last) ?? [];
      values[values.length - 1] = `${values.at(-1) ?? ''} ${line.trim()}`;
      current.fields.set(last, values[0] ?? '');
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (current === undefined) {
      current = { fields: new Map(), all: new Map() };
      groups.push(current);
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const values = current.all.get(name) ?? [];
    values.push(value);
    current.all.set(name, values);
    if (!current.fields.has(name)) current.fields.set(name, value);
    last = name;
  }
  return groups;
}

export interface FieldGroup {
  fields: Map<string, string>;
  all: Map<string, string[]>;
}

/** `rfc822; user@example.net` → `user@example.net` (RFC 3464 address-type prefix removed). */
export function addressField(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const address = value
    .replace(/^[a-z0-9-]+\s*;\s*/i, '')
    .replace(/^<|>$/g, '')
    .trim();
  return address.includes('@') ? address : undefined;
}
