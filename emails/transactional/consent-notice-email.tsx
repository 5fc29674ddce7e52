import { Heading, Text } from 'react-email';
import { detectLanguage } from '../../src/locale.ts';
import type { Language } from '../../src/locale.ts';
import { LangBlock } from '../components/lang-block.tsx';
import { consentNoticeText } from './consent-notice-text.ts';
import type { ConsentNoticeWords } from './consent-notice-text.ts';
import { TransactionalFrame } from './transactional-frame.tsx';

export interface ConsentNoticeEmailProps {
  languages: Language[];
  /** The names and dates as each language writes them. */
  words: Record<Language, ConsentNoticeWords>;
  preferencesUrl: string;
  unsubscribeUrl: string;
  postalAddress: string;
  senderName: string;
}

const paragraph = { margin: '0 0 12px', fontSize: '16px', lineHeight: 1.6 } as const;

/**
 * The two-yearly consent notice (정보통신망법 §50⑧): who sends, that the reader consented, when
 * and to what, and how to keep (do nothing) or withdraw (preferences, unsubscribe) the consent.
 */
export function ConsentNoticeEmail({
  languages,
  words,
  preferencesUrl,
  unsubscribeUrl,
  postalAddress,
  senderName,
}: ConsentNoticeEmailProps) {
  const title = languages.map((lang) => consentNoticeText[lang].subject(words[lang])).join(' / ');
  const label = (key: 'preferences' | 'unsubscribe') =>
    Object.fromEntries(languages.map((lang) => [lang, consentNoticeText[lang][key]]));
  return (
    <TransactionalFrame
      languages={languages}
      title={title}
      preheader={languages.map((lang) => consentNoticeText[lang].why(words[lang])).join(' / ')}
      postalAddress={postalAddress}
      senderName={senderName}
      links={[
        { href: preferencesUrl, label: label('preferences') },
        { href: unsubscribeUrl, label: label('unsubscribe') },
      ]}
    >
      {languages.map((lang) => {
        const text = consentNoticeText[lang];
        const w = words[lang];
        return (
          <LangBlock key={lang} lang={lang} style={{ marginBottom: '16px' }}>
            <Heading as="h1" style={{ margin: '0 0 12px', fontSize: '22px', lineHeight: 1.3 }}>
              {text.heading}
            </Heading>
            <Text style={paragraph}>
              {w.name === null ? (
                text.greeting.alone
              ) : (
                <>
                  {text.greeting.before}
                  {/* A name is read in its own language: 김하늘 in an English greeting, Sky in a Korean one. */}
                  <LangBlock as="span" lang={detectLanguage(w.name)}>
                    {w.name}
                  </LangBlock>
                  {text.greeting.after}
                </>
              )}
            </Text>
            <Text style={paragraph}>{text.why(w)}</Text>
            <Text style={paragraph}>
              <strong>{text.senderLabel}</strong>: {w.senderName}
              <br />
              <strong>{text.dateLabel}</strong>: {w.consentedOn}
              <br />
              <strong>{text.whatLabel}</strong>: {text.what(w)}
            </Text>
            <Text style={paragraph}>
              {text.keep} {text.withdraw}
            </Text>
          </LangBlock>
        );
      })}
    </TransactionalFrame>
  );
}
