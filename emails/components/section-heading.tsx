import type { SectionView } from '../digest-props.ts';
import { JoinedText } from './joined-text.tsx';
import { colors, darkClass } from './theme.ts';

/** A category's heading; its id is the target of the contents' in-page link. */
export function SectionHeading({ section }: { section: SectionView }) {
  return (
    <h2
      id={section.anchor}
      className={darkClass.accent}
      style={{
        margin: '24px 0 8px',
        fontSize: '14px',
        letterSpacing: '1px',
        textTransform: 'uppercase',
        color: colors.accent,
        // A long unbroken label must wrap, not widen a phone's screen.
        overflowWrap: 'anywhere',
      }}
    >
      <JoinedText parts={section.label} />
    </h2>
  );
}
