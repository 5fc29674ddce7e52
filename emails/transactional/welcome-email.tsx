import { MjmlText } from '@faire/mjml-react';
import { Heading, Link, Text } from 'react-email';
import type { Language } from '../../src/locale.ts';
import { LangText, palette, TransactionalFrame } from './transactional-frame.tsx';
import { transactionalText } from './transactional-text.ts';

export interface WelcomeEmailProps {
  languages: Language[];
  newsletter: Record<Language, string>;
  name: string | null;
  preferencesUrl: string;
  unsubscribeUrl: string;
  postalAddress: string;
  senderName: string;
}

/** Sent once a subscription is confirmed: what comes next, and how to change or leave it. */
export function WelcomeEmail({
  languages,
  newsletter,
  name,
  preferencesUrl,
  unsubscribeUrl,
  postalAddress,
  senderName,
}: WelcomeEmailProps) {
  const title = languages.map((lang) => transactionalText[lang].welcomeSubject(newsletter[lang])).join(' / ');
  const link = { color: palette.link, textDecorationLine: 'underline' } as const;
  const footer = languages.map((lang) => (
    <LangText key={lang} lang={lang}>
      <Text style={{ margin: '0 0 6px', fontSize: '13px', color: palette.muted }}>
        <Link href={preferencesUrl} style={link}>
          {transactionalText[lang].preferences}
        </Link>
        {' · '}
        <Link href={unsubscribeUrl} style={link}>
          {transactionalText[lang].unsubscribe}
        </Link>
      </Text>
    </LangText>
  ));
  return (
    <TransactionalFrame
      languages={languages}
      title={title}
      postalAddress={postalAddress}
      senderName={senderName}
      footer={footer}
    >
      <MjmlText>
        {languages.map((lang) => (
          <LangText key={lang} lang={lang}>
            <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
              {transactionalText[lang].welcomeHeading(name)}
            </Heading>
            <Text style={{ margin: '0 0 12px' }}>
              {transactionalText[lang].welcomeBody(newsletter[lang])}
            </Text>
          </LangText>
        ))}
      </MjmlText>
    </TransactionalFrame>
  );
}
