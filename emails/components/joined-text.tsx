import type { LangText } from '../digest-props.ts';
import { LangBlock } from './lang-block.tsx';

/** Texts in several languages on one line, each in its own `lang` span. */
export function JoinedText({ parts, separator = ' · ' }: { parts: LangText[]; separator?: string }) {
  return (
    <>
      {parts.map((part, index) => (
        <LangBlock key={part.lang} lang={part.lang} as="span">
          {index > 0 ? separator : ''}
          {part.text}
        </LangBlock>
      ))}
    </>
  );
}
