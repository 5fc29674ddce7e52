/** A content file's text from front-matter fields (values written as JSON, which YAML reads). */
export function itemSource(fields: Record<string, unknown>, body = 'Body.\n'): string {
  const lines = Object.entries(fields).map(([key, value]) =>
    value === undefined ? '' : `${key}: ${JSON.stringify(value)}`,
  );
  return `---\n${lines.filter((line) => line !== '').join('\n')}\n---\n\n${body}`;
}

/** The smallest valid item; override or remove (undefined) fields to test one thing. */
export function minimalFields(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'item_1',
    title: 'A title',
    date_published: '2026-03-02',
    summary_en: 'A summary.',
    ...overrides,
  };
}
