import { eastAsianWidth } from 'get-east-asian-width';
import { describe, expect, it } from 'vitest';
import { isWhiteSpace } from '../../src/render/is-white-space.ts';
import { displayWidth, wrapText } from '../../src/render/wrap-text.ts';

/** Wrapping as it was written first (split by regular expressions), to compare the scan with. */
function wrapByRegex(text: string, width: number, first: string, rest: string): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? first : rest;
    let lineWidth = displayWidth(line);
    let empty = true;
    for (const word of paragraph.split(/\s+/)) {
      if (word === '') continue;
      const wordWidth = displayWidth(word);
      if (!empty && lineWidth + 1 + wordWidth > width) {
        lines.push(line);
        line = rest + word;
        lineWidth = displayWidth(rest) + wordWidth;
      } else {
        line += (empty ? '' : ' ') + word;
        lineWidth += (empty ? 0 : 1) + wordWidth;
      }
      empty = false;
    }
    lines.push(line);
  }
  return lines.map((l) => l.trimEnd()).join('\n');
}

describe('wrapText', () => {
  it('counts Hangul, CJK (extension B too), emoji and full-width forms as two columns, ASCII as one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('한국어')).toBe(6);
    expect(displayWidth('😀a')).toBe(3);
    expect(displayWidth('𠀀𪜀')).toBe(4);
    expect(displayWidth('ＡＢ')).toBe(4);
    // Ambiguous characters (Greek, box drawing) are narrow without context (UAX #11).
    expect(displayWidth('α─')).toBe(2);
  });

  it('its fast paths (below U+1100, Hangul syllables) agree with the table for every code point', () => {
    const differ: string[] = [];
    for (let point = 0; point <= 0x10ffff; point++) {
      const expected = eastAsianWidth(point, { ambiguousAsWide: false });
      if (displayWidth(String.fromCodePoint(point)) !== expected) differ.push(point.toString(16));
    }
    expect(differ).toEqual([]);
    // Surrogate pairs count once, whatever stands around them.
    expect(displayWidth('a😀한\ud800b')).toBe(1 + 2 + 2 + 1 + 1);
  });

  it('wraps Korean prose within the width in display columns, with a hanging indent', () => {
    const text = '아마존의 AI 코딩 어시스턴트가 12월 AWS 시스템 13시간 장애를 일으켰습니다. '.repeat(4);
    const wrapped = wrapText(text, 40, '* ', '  ');
    const lines = wrapped.split('\n');
    expect(lines.length).toBeGreaterThan(4);
    expect(lines[0]?.startsWith('* ')).toBe(true);
    for (const line of lines.slice(1)) expect(line.startsWith('  ')).toBe(true);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(wrapped.replace(/\n\s*/g, ' ').replace(/^\* /, '')).toBe(text.trim());
  });

  it('splits words where \\s does, and agrees with splitting by regular expressions on random text', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isWhiteSpace(code) !== /\s/.test(String.fromCharCode(code))) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
    const alphabet = [
      'a',
      'bc',
      '한국',
      ' ',
      '  ',
      '\n',
      '\t',
      '\u00a0',
      '\u3000',
      '\r',
      'https://x.example/long',
      '😀',
    ];
    let seed = 76;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 3_000; round++) {
      const text = Array.from(
        { length: Math.floor(random() * 30) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const [width, first, rest] = [
        5 + Math.floor(random() * 30),
        round % 3 === 0 ? '- ' : '',
        round % 2 === 0 ? '  ' : '',
      ];
      expect(wrapText(text, width, first, rest), JSON.stringify(text)).toBe(
        wrapByRegex(text, width, first, rest),
      );
    }
  });

  it('keeps a URL longer than the line whole, on its own line', () => {
    const url = `https://example.com/${'x'.repeat(100)}`;
    expect(wrapText(`read ${url} now`, 20).split('\n')).toEqual(['read', url, 'now']);
  });
});
