import type { ReactNode } from 'react';
import {
  Mjml,
  MjmlAll,
  MjmlAttributes,
  MjmlBody,
  MjmlColumn,
  MjmlHead,
  MjmlSection,
  MjmlText,
  MjmlTitle,
} from '@faire/mjml-react';
import { Text } from 'react-email';
import type { Language } from '../../src/locale.ts';

/** Colours with WCAG AA contrast on both backgrounds, chosen to survive Gmail's inversion. */
export const palette = {
  page: '#f2f0eb',
  card: '#ffffff',
  text: '#1d1d1f',
  muted: '#55575c',
  link: '#0b57a4',
  button: '#0b57a4',
};
export const fontFor = (lang: Language) =>
  lang === 'ko' ? 'Apple SD Gothic Neo,Malgun Gothic,Noto Sans KR,sans-serif' : 'Helvetica,Arial,sans-serif';

export interface TransactionalFrameProps {
  languages: Language[];
  title: string;
  postalAddress: string;
  senderName: string;
  children: ReactNode;
  footer?: ReactNode;
}

/** A one-card frame for transactional mail; each language block carries its own `lang` and `dir`. */
export function TransactionalFrame({
  languages,
  title,
  postalAddress,
  senderName,
  children,
  footer,
}: TransactionalFrameProps) {
  const small = { margin: '0 0 6px', fontSize: '13px', lineHeight: 1.5, color: palette.muted };
  return (
    <Mjml lang={languages[0]}>
      <MjmlHead>
        <MjmlTitle>{title}</MjmlTitle>
        <MjmlAttributes>
          <MjmlAll padding="0" />
          <MjmlText fontFamily={fontFor('en')} fontSize="16px" lineHeight="1.6" color={palette.text} />
        </MjmlAttributes>
      </MjmlHead>
      <MjmlBody backgroundColor={palette.page} width={600}>
        <MjmlSection backgroundColor={palette.card} padding="28px 24px">
          <MjmlColumn>{children}</MjmlColumn>
        </MjmlSection>
        <MjmlSection padding="16px 24px 32px">
          <MjmlColumn>
            <MjmlText>
              {footer}
              <Text style={small}>
                {senderName} · {postalAddress}
              </Text>
            </MjmlText>
          </MjmlColumn>
        </MjmlSection>
      </MjmlBody>
    </Mjml>
  );
}

/** One language's block of text inside an mj-text. */
export function LangText({ lang, children }: { lang: Language; children: ReactNode }) {
  const style = lang === 'ko' ? { fontFamily: fontFor('ko'), wordBreak: 'keep-all' as const } : undefined;
  return (
    <div lang={lang} dir="ltr" style={style}>
      {children}
    </div>
  );
}
