import { MjmlColumn, MjmlSection, MjmlText } from '@faire/mjml-react';
import { Heading } from 'react-email';
import type { SectionView } from '../digest-props.ts';
import { JoinedText } from './joined-text.tsx';
import { colors, darkClass } from './theme.ts';

/** A category's heading; its id is the target of the contents' in-page link. */
export function SectionHeading({ section }: { section: SectionView }) {
  return (
    <MjmlSection padding="20px 24px 4px">
      <MjmlColumn>
        <MjmlText>
          <Heading
            as="h2"
            id={section.anchor}
            className={darkClass.accent}
            style={{
              margin: 0,
              fontSize: '14px',
              letterSpacing: '1px',
              textTransform: 'uppercase',
              color: colors.accent,
            }}
          >
            <JoinedText parts={section.label} />
          </Heading>
        </MjmlText>
      </MjmlColumn>
    </MjmlSection>
  );
}
