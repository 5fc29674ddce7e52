import { MjmlColumn, MjmlSection, MjmlText } from '@faire/mjml-react';
import { Heading, Link, Text } from 'react-email';
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

/** Categories with counts, each an in-page link, and a notice when items were compacted. */
export function ContentsBlock({
  languages,
  sections,
  totalCount,
  compactedCount,
  fullEditionUrl,
}: ContentsBlockProps) {
  return (
    <MjmlSection padding="8px 24px 16px">
      <MjmlColumn>
        <MjmlText>
          <Heading
            as="h2"
            className={darkClass.accent}
            style={{ margin: '8px 0 4px', fontSize: '13px', letterSpacing: '1px', color: colors.accent }}
          >
            <JoinedText parts={languages.map((lang) => ({ lang, text: uiText[lang].contents }))} />
          </Heading>
          {sections.map((section) => (
            <Text
              key={section.id}
              style={{ marginTop: '2px', marginBottom: '2px', fontSize: '16px', lineHeight: 1.6 }}
            >
              <Link
                href={`#${section.anchor}`}
                target="_self"
                className={darkClass.link}
                style={{ color: colors.link }}
              >
                <JoinedText parts={section.label} />
              </Link>
              <span className={darkClass.muted} style={{ color: colors.muted }}>
                {' '}
                <JoinedText
                  parts={languages.map((lang) => ({ lang, text: uiText[lang].items(section.count) }))}
                  separator=" / "
                />
              </span>
            </Text>
          ))}
          {compactedCount > 0
            ? languages.map((lang) => (
                <LangBlock key={lang} lang={lang}>
                  <Text style={{ marginTop: '12px', marginBottom: 0, fontSize: '15px', lineHeight: 1.5 }}>
                    {uiText[lang].compactedNotice(totalCount - compactedCount, totalCount)}{' '}
                    <Link href={fullEditionUrl} className={darkClass.link} style={{ color: colors.link }}>
                      {uiText[lang].fullEdition}
                    </Link>
                  </Text>
                </LangBlock>
              ))
            : null}
        </MjmlText>
      </MjmlColumn>
    </MjmlSection>
  );
}
