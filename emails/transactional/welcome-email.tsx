import { Heading, Text } from 'react-email';
import type { Language } from '../../src/locale.ts';
import { LangBlock } from '../components/lang-block.tsx';
import { TransactionalFrame } from './transactional-frame.tsx';
import { transactionalText } from './transactional-text.ts';

export interface WelcomeEmailProps {
  languages: Language[];
  newsletter: Record<Language, string>;
  name: string | null;
  preferencesUrl: string;
  unsubscribeUrl: string;
  postalAddress: string;
  senderName: string;
  /** The result notice of the consent (정보통신망법 §50⑦), when it rides on the welcome: per language. */
  result?: Record<Language, string>;
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
  result,
}: WelcomeEmailProps) {
  const title = languages.map((lang) => transactionalText[lang].welcomeSubject(newsletter[lang])).join(' / ');
  const label = (key: 'preferences' | 'unsubscribe') =>
    Object.fromEntries(languages.map((lang) => [lang, transactionalText[lang][key]]));
  return (
    <TransactionalFrame
      languages={languages}
      title={title}
      preheader={languages.map((lang) => transactionalText[lang].welcomeBody(newsletter[lang])).join(' / ')}
      postalAddress={postalAddress}
      senderName={senderName}
      links={[
        { href: preferencesUrl, label: label('preferences') },
        { href: unsubscribeUrl, label: label('unsubscribe') },
      ]}
    >
      {languages.map((lang) => (
        <LangBlock key={lang} lang={lang}>
          <Heading as="h1" style={{ margin: '0 0 12px', fontSize: '22px', lineHeight: 1.3 }}>
            {transactionalText[lang].welcomeHeading(name)}
          </Heading>
          <Text style={{ margin: '0 0 12px', fontSize: '16px', lineHeight: 1.6 }}>
            {transactionalText[lang].welcomeBody(newsletter[lang])}
          </Text>
          {result === undefined ? null : (
            <Text style={{ margin: '0 0 12px', fontSize: '15px', lineHeight: 1.6 }}>{result[lang]}</Text>
          )}
        </LangBlock>
      ))}
    </TransactionalFrame>
  );
}
