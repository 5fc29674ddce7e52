import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../src/render/wrap-text.ts';

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

  it('keeps a URL longer than the line whole, on its own line', () => {
    const url = `https://example.com/${'x'.repeat(100)}`;
    expect(wrapText(`read ${url} now`, 20).split('\n')).toEqual(['read', url, 'now']);
  });
});
