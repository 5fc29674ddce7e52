import type { LangText } from '../digest-props.ts';
import { JoinedText } from './joined-text.tsx';
import { LangBlock } from './lang-block.tsx';
import { TOP_ANCHOR } from './section-heading.tsx';
import { colors, darkClass } from './theme.ts';

export interface MastheadProps {
  name: LangText[];
  dateLabel: LangText[];
  /** The edition's number per language ("제12호", "No. 12"); empty for a live edition. */
  editionNumber?: LangText[];
  /** Greeting lines (per-recipient placeholders in email mode); empty on the web. */
  greeting: LangText[];
}

/** Newsletter name, the date written the local way, and the greeting. */
export function Masthead({ name, dateLabel, editionNumber = [], greeting }: MastheadProps) {
  return (
    <>
      <h1 id={TOP_ANCHOR} style={{ margin: 0, fontSize: '28px', lineHeight: 1.25 }}>
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
          {numberIn(editionNumber, part.lang)}
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

function numberIn(numbers: LangText[], lang: LangText['lang']): string {
  const number = numbers.find((n) => n.lang === lang);
  return number === undefined ? '' : ` · ${number.text}`;
}
