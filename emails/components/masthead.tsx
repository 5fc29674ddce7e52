import type { LangText } from '../digest-props.ts';
import { JoinedText } from './joined-text.tsx';
import { LangBlock } from './lang-block.tsx';
import { colors, darkClass } from './theme.ts';

export interface MastheadProps {
  name: LangText[];
  dateLabel: LangText[];
  /** Greeting lines (per-recipient placeholders in email mode); empty on the web. */
  greeting: LangText[];
}

/** Newsletter name, the date written the local way, and the greeting. */
export function Masthead({ name, dateLabel, greeting }: MastheadProps) {
  return (
    <>
      <h1 style={{ margin: 0, fontSize: '28px', lineHeight: 1.25 }}>
        <JoinedText parts={name} />
      </h1>
      {dateLabel.map((part) => (
        <LangBlock
          key={part.lang}
          lang={part.lang}
          className={darkClass.muted}
          style={{ marginTop: '4px', fontSize: '15px', color: colors.muted }}
        >
          {part.text}
        </LangBlock>
      ))}
      {greeting.map((part, index) => (
        <LangBlock key={part.lang} lang={part.lang} style={index === 0 ? { marginTop: '12px' } : undefined}>
          {part.text}
        </LangBlock>
      ))}
    </>
  );
}
