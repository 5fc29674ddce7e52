import { MjmlColumn, MjmlSection, MjmlText } from '@faire/mjml-react';
import { Heading, Text } from 'react-email';
import type { LangText } from '../digest-props.ts';
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
    <MjmlSection padding="28px 24px 8px">
      <MjmlColumn>
        <MjmlText>
          <Heading as="h1" style={{ margin: 0, fontSize: '28px', lineHeight: 1.25 }}>
            {name.map((part, index) => (
              <LangBlock key={part.lang} lang={part.lang} as="span">
                {index > 0 ? ' · ' : ''}
                {part.text}
              </LangBlock>
            ))}
          </Heading>
          {dateLabel.map((part) => (
            <LangBlock key={part.lang} lang={part.lang}>
              <Text
                className={darkClass.muted}
                style={{
                  marginTop: '4px',
                  marginBottom: 0,
                  fontSize: '15px',
                  lineHeight: 1.5,
                  color: colors.muted,
                }}
              >
                {part.text}
              </Text>
            </LangBlock>
          ))}
          {greeting.map((part) => (
            <LangBlock key={part.lang} lang={part.lang}>
              <Text style={{ marginTop: '12px', marginBottom: 0, fontSize: '16px', lineHeight: 1.5 }}>
                {part.text}
              </Text>
            </LangBlock>
          ))}
        </MjmlText>
      </MjmlColumn>
    </MjmlSection>
  );
}
