import { MjmlColumn, MjmlSection, MjmlText } from '@faire/mjml-react';
import { Link, Text } from 'react-email';
import type { ReactNode } from 'react';
import type { Language } from '../../src/locale.ts';
import { LangBlock } from './lang-block.tsx';
import { colors, darkClass } from './theme.ts';

export interface FooterLink {
  href: string;
  /** Label per language shown. */
  label: Partial<Record<Language, string>>;
}

export interface EmailFooterProps {
  languages: Language[];
  /** Why the reader gets this mail, per language (CAN-SPAM, 정보통신망법 §50). */
  why?: Partial<Record<Language, string>>;
  links: FooterLink[];
  senderName: string;
  contactEmail?: string;
  postalAddress: string;
  children?: ReactNode;
}

const small = {
  marginTop: 0,
  marginBottom: '8px',
  fontSize: '13px',
  lineHeight: 1.5,
  color: colors.muted,
} as const;

/** Why you get this, the links to leave or change it, who sends it and from where. */
export function EmailFooter({
  languages,
  why,
  links,
  senderName,
  contactEmail,
  postalAddress,
  children,
}: EmailFooterProps) {
  return (
    <MjmlSection backgroundColor={colors.page} cssClass={darkClass.page} padding="24px 24px 32px">
      <MjmlColumn>
        <MjmlText>
          {children}
          {why === undefined
            ? null
            : languages.map((lang) =>
                why[lang] === undefined ? null : (
                  <LangBlock key={lang} lang={lang}>
                    <Text className={darkClass.muted} style={small}>
                      {why[lang]}
                    </Text>
                  </LangBlock>
                ),
              )}
          {links.length === 0 ? null : (
            <Text className={darkClass.muted} style={small}>
              {links.map((link, index) => (
                <span key={link.href}>
                  {index > 0 ? ' · ' : ''}
                  <Link
                    href={link.href}
                    className={darkClass.link}
                    style={{ color: colors.link, textDecorationLine: 'underline' }}
                  >
                    {languages.map((lang, i) => (
                      <LangBlock key={lang} lang={lang} as="span">
                        {i > 0 ? ' / ' : ''}
                        {link.label[lang]}
                      </LangBlock>
                    ))}
                  </Link>
                </span>
              ))}
            </Text>
          )}
          <Text className={darkClass.muted} style={small}>
            {senderName}
            {contactEmail === undefined ? null : (
              <>
                {' · '}
                <Link
                  href={`mailto:${contactEmail}`}
                  className={darkClass.link}
                  style={{ color: colors.link }}
                >
                  {contactEmail}
                </Link>
              </>
            )}
            <br />
            {postalAddress}
          </Text>
        </MjmlText>
      </MjmlColumn>
    </MjmlSection>
  );
}
