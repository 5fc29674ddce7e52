import type { ReactNode } from 'react';
import {
  Mjml,
  MjmlAttributes,
  MjmlBody,
  MjmlHead,
  MjmlRaw,
  MjmlSection,
  MjmlStyle,
  MjmlText,
  MjmlTitle,
} from '@faire/mjml-react';
import type { Language } from '../../src/locale.ts';
import { colors, darkClass, darkModeCss, fonts } from './theme.ts';

export interface EmailShellProps {
  /** `<html lang>`; each language block still carries its own. */
  lang: Language;
  title: string;
  /** The inbox preview line; omitted for web pages. */
  preheader?: string;
  /** The default font stack of text blocks (see `fontFor`). */
  fontFamily?: string;
  children: ReactNode;
}

// React 19 hoists a <meta> rendered as an element out of <mj-raw>, so it goes in as a string.
const COLOR_SCHEME_META =
  '<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">';

/**
 * Windows Outlook (Word engine) does not walk a font stack to a face it has: a stack starting with
 * Apple SD Gothic Neo falls back to Batang or Times New Roman. An MSO-only rule names the Windows
 * Korean face first, then Arial. Other clients never see it (conditional comment).
 */
export const MSO_FONT_RULE =
  "<!--[if mso]><style>body,table,td,div,p,h1,h2,h3,ul,li,a,span,b{font-family:'Malgun Gothic',Arial,sans-serif!important}</style><![endif]-->";
const MSO_LATIN_RULE =
  '<!--[if mso]><style>body,table,td,div,p,h1,h2,h3,ul,li,a,span,b{font-family:Arial,sans-serif!important}</style><![endif]-->';

/**
 * The frame of every Gazette email: head (title, colour-scheme, dark-mode styles, defaults that
 * keep each block lean) and a 600 px body on the card colour; sections carry no background of
 * their own. Columns get no padding: a padded mj-column costs one more table each.
 */
export function EmailShell({ lang, title, preheader, fontFamily = fonts.latin, children }: EmailShellProps) {
  return (
    <Mjml lang={lang}>
      <MjmlHead>
        <MjmlTitle>{title}</MjmlTitle>
        <MjmlRaw dangerouslySetInnerHTML={{ __html: COLOR_SCHEME_META }} />
        <MjmlRaw
          dangerouslySetInnerHTML={{ __html: fontFamily.includes('Malgun') ? MSO_FONT_RULE : MSO_LATIN_RULE }}
        />
        <MjmlAttributes>
          <MjmlSection padding="0 24px" />
          <MjmlText
            padding="0"
            fontFamily={fontFamily}
            fontSize="16px"
            lineHeight="1.6"
            color={colors.text}
          />
        </MjmlAttributes>
        <MjmlStyle>{darkModeCss}</MjmlStyle>
      </MjmlHead>
      <MjmlBody backgroundColor={colors.card} cssClass={darkClass.card} width={600}>
        {preheader === undefined ? null : (
          <MjmlRaw>
            <Preheader text={preheader} />
          </MjmlRaw>
        )}
        {children}
      </MjmlBody>
    </Mjml>
  );
}

// Inbox previews show up to ~140 characters; the filler keeps body text out of the rest.
const PREVIEW_LENGTH = 140;
// A zero-width non-joiner and a no-break space: 5 bytes a character (react-email's Preview uses 20).
const FILLER = '\u200c\u00a0';

/** A hidden first block. No colour is set, so spam filters see no low-contrast filler. */
function Preheader({ text }: { text: string }) {
  const pad = Math.max(0, PREVIEW_LENGTH - text.length);
  return (
    <div
      style={{
        display: 'none',
        overflow: 'hidden',
        lineHeight: '1px',
        opacity: 0,
        maxHeight: 0,
        maxWidth: 0,
      }}
    >
      {text}
      {FILLER.repeat(Math.ceil(pad / FILLER.length))}
    </div>
  );
}
