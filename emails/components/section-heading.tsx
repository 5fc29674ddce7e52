import type { Language } from '../../src/locale.ts';
import type { SectionView } from '../digest-props.ts';
import { JoinedText } from './joined-text.tsx';
import { colors, darkClass } from './theme.ts';
import { uiText } from './ui-text.ts';

/** The anchor of the masthead, which "맨 위로 · Back to top" links to. */
export const TOP_ANCHOR = 'top';

/**
 * A category's heading (the target of the contents' in-page link): sentence case at a reading
 * size, so a long edition's sections can be found by scrolling.
 */
export function SectionHeading({ section }: { section: SectionView }) {
  return (
    <h2
      id={section.anchor}
      className={darkClass.accent}
      style={{
        margin: '28px 0 8px',
        fontSize: '21px',
        lineHeight: 1.3,
        color: colors.accent,
        // A long unbroken label must wrap, not widen a phone's screen.
        overflowWrap: 'anywhere',
      }}
    >
      <JoinedText parts={section.label} />
    </h2>
  );
}

/** "맨 위로 · Back to top" after a section: back to the masthead and the contents. */
export function BackToTop({ languages }: { languages: Language[] }) {
  return (
    <p style={{ margin: '4px 0 8px', fontSize: '13px' }}>
      <a href={`#${TOP_ANCHOR}`} className={darkClass.link} style={{ color: colors.link }}>
        <JoinedText parts={languages.map((lang) => ({ lang, text: `↑ ${uiText[lang].backToTop}` }))} />
      </a>
    </p>
  );
}
