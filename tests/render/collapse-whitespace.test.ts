import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/render/collapse-whitespace.ts';

/** The rule as one regular expression (what the function did before it was made a loop). */
function byRegex(html: string): string {
  return html.replace(/[ \t]*\n\s*/g, (run: string, offset: number) =>
    offset === 0 || (html[offset - 1] === '>' && html[offset + run.length] === '<') ? '' : ' ',
  );
}

describe('collapseWhitespace', () => {
  it('drops line breaks and indentation between tags, turns them into a space in text', () => {
    expect(collapseWhitespace('<p>\n    <b>a\n   b</b> \t\n</p>\n')).toBe('<p><b>a b</b></p> ');
    expect(collapseWhitespace('\n  <p>x</p>')).toBe('<p>x</p>');
    expect(collapseWhitespace('no breaks  at all')).toBe('no breaks  at all');
  });

  it('agrees with the regular expression on random text of spaces, breaks, tags and Unicode spaces', () => {
    const alphabet = [
      ' ',
      '\t',
      '\n',
      '\r',
      '\v',
      '<',
      '>',
      'a',
      '한',
      '\u00a0',
      '\u2028',
      '\u3000',
      '\ufeff',
      '\u200b',
    ];
    let seed = 18;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 5_000; round++) {
      const length = Math.floor(random() * 40);
      const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(collapseWhitespace(text), JSON.stringify(text)).toBe(byRegex(text));
    }
  });
});
