import type { CSSProperties, ReactNode } from 'react';
import type { Language } from '../../src/locale.ts';

export interface LangBlockProps {
  lang: Language;
  children?: ReactNode;
  /** `span` for a fallback phrase inside a block of the other language. */
  as?: 'div' | 'span';
  className?: string;
  style?: CSSProperties;
  id?: string;
}

/**
 * A run of text in one language. Screen readers pick the voice from `lang`, so every language
 * block carries its own, plus an explicit `dir` (MJML writes `dir="auto"` on the document).
 * Korean keeps words whole (`keep-all`, inlined because Gmail webmail breaks long Hangul runs).
 * The font stack is not repeated here: the enclosing MJML text block sets one that covers Hangul.
 */
export function LangBlock({ lang, children, as = 'div', className, style, id }: LangBlockProps) {
  const Tag = as;
  const own: CSSProperties | undefined = lang === 'ko' ? { wordBreak: 'keep-all', ...style } : style;
  return (
    <Tag lang={lang} dir="ltr" className={className} style={own} id={id}>
      {children}
    </Tag>
  );
}
