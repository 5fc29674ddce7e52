import { MjmlColumn, MjmlSection, MjmlText } from '@faire/mjml-react';
import { Fragment } from 'react';
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
  /** Shown above the footer's rule, in the same text block (the digest's last compacted headlines). */
  children?: ReactNode;
}

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
    <MjmlSection padding="0 24px 32px">
      <MjmlColumn>
        <MjmlText>
          {children}
          <div
            className={`${darkClass.muted} ${darkClass.rule}`}
            style={{
              marginTop: '16px',
              paddingTop: '16px',
              borderTop: `1px solid ${colors.rule}`,
              fontSize: '13px',
              lineHeight: 1.5,
              color: colors.muted,
            }}
          >
            {why === undefined
              ? null
              : languages.map((lang) =>
                  why[lang] === undefined ? null : (
                    <LangBlock key={lang} lang={lang} style={{ marginBottom: '8px' }}>
                      {why[lang]}
                    </LangBlock>
                  ),
                )}
            {links.length === 0 ? null : (
              <div style={{ marginBottom: '8px' }}>
                {links.map((link, index) => (
                  <Fragment key={link.href}>
                    {index > 0 ? ' · ' : ''}
                    <a href={link.href} className={darkClass.link} style={{ color: colors.link }}>
                      {languages.map((lang, i) => (
                        <LangBlock key={lang} lang={lang} as="span">
                          {i > 0 ? ' / ' : ''}
                          {link.label[lang]}
                        </LangBlock>
                      ))}
                    </a>
                  </Fragment>
                ))}
              </div>
            )}
            <div>
              {senderName}
              {contactEmail === undefined ? null : (
                <>
                  {' · '}
                  <a
                    href={`mailto:${contactEmail}`}
                    className={darkClass.link}
                    style={{ color: colors.link }}
                  >
                    {contactEmail}
                  </a>
                </>
              )}
              <br />
              {postalAddress}
            </div>
          </div>
        </MjmlText>
      </MjmlColumn>
    </MjmlSection>
  );
}
