import type { Language } from '../../src/locale.ts';
import type { SectionView } from '../digest-props.ts';
import { JoinedText } from './joined-text.tsx';
import { LangBlock } from './lang-block.tsx';
import { colors, darkClass } from './theme.ts';
import { uiText } from './ui-text.ts';

export interface ContentsBlockProps {
  languages: Language[];
  sections: SectionView[];
  totalCount: number;
  compactedCount: number;
  fullEditionUrl: string;
}

/**
 * One line per section: its label (an in-page link), its count and its first headline, so a
 * reader sees what is in a long edition before scrolling; a notice when items were compacted.
 */
export function ContentsBlock({
  languages,
  sections,
  totalCount,
  compactedCount,
  fullEditionUrl,
}: ContentsBlockProps) {
  return (
    <>
      <h2
        className={darkClass.accent}
        style={{ margin: '24px 0 4px', fontSize: '17px', color: colors.accent }}
      >
        <JoinedText parts={languages.map((lang) => ({ lang, text: uiText[lang].contents }))} />
      </h2>
      {sections.map((section) => (
        // A long unbroken label must wrap, not widen a phone's screen.
        <div key={section.id} style={{ overflowWrap: 'anywhere' }}>
          <a href={`#${section.anchor}`} className={darkClass.link} style={{ color: colors.link }}>
            <JoinedText parts={section.label} />
          </a>
          <span className={darkClass.muted} style={{ color: colors.muted }}>
            {' '}
            <JoinedText
              parts={languages.map((lang) => ({ lang, text: uiText[lang].items(section.count) }))}
              separator=" / "
            />
            {section.firstHeadline === undefined ? null : (
              <>
                {' · '}
                <JoinedText parts={[section.firstHeadline]} />
              </>
            )}
          </span>
        </div>
      ))}
      {compactedCount > 0 ? (
        <CompactedNotice
          languages={languages}
          shown={totalCount - compactedCount}
          total={totalCount}
          fullEditionUrl={fullEditionUrl}
        />
      ) : null}
    </>
  );
}

/** Why some items are headlines only, and the way to the full edition. */
export function CompactedNotice({
  languages,
  shown,
  total,
  fullEditionUrl,
}: {
  languages: Language[];
  shown: number;
  total: number;
  fullEditionUrl: string;
}) {
  return (
    <>
      {languages.map((lang) => (
        <LangBlock key={lang} lang={lang} style={{ marginTop: '12px', fontSize: '15px', lineHeight: 1.5 }}>
          {uiText[lang].compactedNotice(shown, total)}{' '}
          <a href={fullEditionUrl} className={darkClass.link} style={{ color: colors.link }}>
            {uiText[lang].fullEdition}
          </a>
        </LangBlock>
      ))}
    </>
  );
}
