import { Fragment } from 'react';
import type { ReactNode } from 'react';
import { Body, Container, Head, Html, Link, Preview, Section, Text } from 'react-email';
import type { Language } from '../../src/locale.ts';
import { LangBlock } from '../components/lang-block.tsx';
import { colors, darkClass, darkModeCss, fontFor } from '../components/theme.ts';

export interface FooterLink {
  href: string;
  /** Label per language shown. */
  label: Partial<Record<Language, string>>;
}

export interface TransactionalFrameProps {
  languages: Language[];
  title: string;
  /** The inbox preview line. */
  preheader: string;
  postalAddress: string;
  senderName: string;
  /** The message: react-email blocks, each language's text in a `LangBlock`. */
  children: ReactNode;
  /** Footer links (preferences, unsubscribe) with a label per language. */
  links?: FooterLink[];
}

/**
 * A one-card frame for transactional mail in react-email's components (tables that Outlook
 * lays out), with the digest's colours, fonts and dark mode, so every Gazette email looks
 * alike. Every language's text sits in a `LangBlock` (it carries `lang`, `dir` and Korean
 * word-keeping).
 */
export function TransactionalFrame({
  languages,
  title,
  preheader,
  postalAddress,
  senderName,
  children,
  links = [],
}: TransactionalFrameProps) {
  const fontFamily = fontFor(languages);
  return (
    <Html lang={languages[0] ?? 'ko'} dir="ltr">
      <Head>
        <title>{title}</title>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{darkModeCss}</style>
      </Head>
      <Preview useTitleTag={false}>{preheader}</Preview>
      <Body
        lang={languages[0] ?? 'ko'}
        dir="ltr"
        className={darkClass.page}
        style={{ margin: 0, padding: '24px 0', backgroundColor: colors.page }}
      >
        <Container
          className={darkClass.card}
          style={{ maxWidth: '600px', backgroundColor: colors.card, color: colors.text, fontFamily }}
        >
          <Section style={{ padding: '28px 24px 8px', fontSize: '16px', lineHeight: 1.6 }}>
            {children}
          </Section>
          <Section style={{ padding: '0 24px 32px' }}>
            <div
              className={`${darkClass.muted} ${darkClass.rule}`}
              style={{
                paddingTop: '16px',
                borderTop: `1px solid ${colors.rule}`,
                fontSize: '13px',
                lineHeight: 1.5,
                color: colors.muted,
              }}
            >
              {links.length === 0 ? null : (
                <Text style={{ margin: '0 0 8px', fontSize: '13px', lineHeight: 1.5 }}>
                  {links.map((link, index) => (
                    <Fragment key={link.href}>
                      {index > 0 ? ' · ' : ''}
                      <Link href={link.href} className={darkClass.link} style={{ color: colors.link }}>
                        {languages.map((lang, i) => (
                          <LangBlock key={lang} lang={lang} as="span">
                            {i > 0 ? ' / ' : ''}
                            {link.label[lang]}
                          </LangBlock>
                        ))}
                      </Link>
                    </Fragment>
                  ))}
                </Text>
              )}
              <Text style={{ margin: 0, fontSize: '13px', lineHeight: 1.5 }}>
                {senderName} · {postalAddress}
              </Text>
            </div>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
