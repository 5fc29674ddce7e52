import { MjmlColumn, MjmlSection, MjmlText } from '@faire/mjml-react';
import { Link, Text } from 'react-email';
import type { Language } from '../../src/locale.ts';
import type { CompactItemView } from '../digest-props.ts';
import { JoinedText } from './joined-text.tsx';
import { LangBlock } from './lang-block.tsx';
import { colors, darkClass } from './theme.ts';
import { uiText } from './ui-text.ts';

export interface CompactItemsProps {
  languages: Language[];
  items: CompactItemView[];
}

/**
 * Items that did not fit the size budget: headline only, linked to the item on the web edition,
 * so every item stays one tap away instead of being clipped by Gmail.
 */
export function CompactItems({ languages, items }: CompactItemsProps) {
  return (
    <MjmlSection padding="8px 24px 16px">
      <MjmlColumn>
        <MjmlText>
          <Text
            className={darkClass.muted}
            style={{
              marginTop: 0,
              marginBottom: '4px',
              fontSize: '13px',
              lineHeight: 1.5,
              color: colors.muted,
              borderTop: `1px solid ${colors.rule}`,
              paddingTop: '12px',
            }}
          >
            <JoinedText parts={languages.map((lang) => ({ lang, text: uiText[lang].moreHeadlines }))} />
          </Text>
          <ul style={{ margin: 0, paddingLeft: '20px', fontSize: '16px', lineHeight: 1.5 }}>
            {items.map((item) => (
              <li key={item.id} style={{ margin: '0 0 6px' }}>
                <Link href={item.href} className={darkClass.link} style={{ color: colors.link }}>
                  {item.title.map((title, index) => (
                    <LangBlock key={title.lang} lang={title.lang} as="span">
                      {index > 0 ? ' / ' : ''}
                      {title.text}
                    </LangBlock>
                  ))}
                </Link>
              </li>
            ))}
          </ul>
        </MjmlText>
      </MjmlColumn>
    </MjmlSection>
  );
}
