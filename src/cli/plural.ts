const englishPlurals = new Intl.PluralRules('en');

/**
 * "1 row", "2 rows", "0 rows": the count and the noun in the form English wants for it, chosen
 * by Intl.PluralRules (issue 16). Irregular nouns pass their plural: `plural(n, 'story', 'stories')`.
 */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString('en')} ${englishPlurals.select(count) === 'one' ? one : other}`;
}
