import type { ReactNode } from 'react';
import {
  Mjml,
  MjmlAll,
  MjmlAttributes,
  MjmlBody,
  MjmlHead,
  MjmlRaw,
  MjmlSection,
  MjmlStyle,
  MjmlText,
  MjmlTitle,
} from '@faire/mjml-react';
import { Preview } from 'react-email';
import type { Language } from '../../src/locale.ts';
import { colors, darkClass, darkModeCss, fonts } from './theme.ts';

export interface EmailShellProps {
  /** `<html lang>`; each language block still carries its own. */
  lang: Language;
  title: string;
  /** The inbox preview line; omitted for web pages. */
  preheader?: string;
  children: ReactNode;
}

// React 19 hoists a <meta> rendered as an element out of <mj-raw>, so it goes in as a string.
const COLOR_SCHEME_META =
  '<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">';

/**
 * The frame of every Gazette email: head (title, colour-scheme, dark-mode styles, defaults that
 * keep each block lean) and a 600 px body. Sections inside default to the white card.
 */
export function EmailShell({ lang, title, preheader, children }: EmailShellProps) {
  return (
    <Mjml lang={lang}>
      <MjmlHead>
        <MjmlTitle>{title}</MjmlTitle>
        <MjmlRaw dangerouslySetInnerHTML={{ __html: COLOR_SCHEME_META }} />
        <MjmlAttributes>
          <MjmlAll padding="0" />
          <MjmlSection backgroundColor={colors.card} cssClass={darkClass.card} padding="0 24px" />
          <MjmlText fontFamily={fonts.latin} fontSize="16px" lineHeight="1.6" color={colors.text} />
        </MjmlAttributes>
        <MjmlStyle>{darkModeCss}</MjmlStyle>
      </MjmlHead>
      <MjmlBody backgroundColor={colors.page} cssClass={darkClass.page} width={600}>
        {preheader === undefined ? null : (
          <MjmlRaw>
            {/* A hidden, padded first block; no colour is set, so no low-contrast filler for spam filters. */}
            <Preview useTitleTag={false}>{preheader}</Preview>
          </MjmlRaw>
        )}
        {children}
      </MjmlBody>
    </Mjml>
  );
}
