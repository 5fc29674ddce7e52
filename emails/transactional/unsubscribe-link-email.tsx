import { Heading, Link, Text } from 'react-email';
import type { Language } from '../../src/locale.ts';
import { LangBlock } from '../components/lang-block.tsx';
import { colors, darkClass } from '../components/theme.ts';
import { ActionButton } from './action-button.tsx';
import { TransactionalFrame } from './transactional-frame.tsx';
import { transactionalText } from './transactional-text.ts';

export interface UnsubscribeLinkEmailProps {
  languages: Language[];
  newsletter: Record<Language, string>;
  /** The reader's unsubscribe page (GET shows a button; the POST unsubscribes). */
  unsubscribeUrl: string;
  postalAddress: string;
  senderName: string;
}

/**
 * The answer to an unverified mail to plain unsubscribe@ from a subscriber's address: their own
 * link, so the owner of the mailbox (and only they) can finish it. Nothing changed yet.
 */
export function UnsubscribeLinkEmail({
  languages,
  newsletter,
  unsubscribeUrl,
  postalAddress,
  senderName,
}: UnsubscribeLinkEmailProps) {
  return (
    <TransactionalFrame
      languages={languages}
      title={languages.map((lang) => transactionalText[lang].linkSubject(newsletter[lang])).join(' / ')}
      preheader={languages.map((lang) => transactionalText[lang].linkBody(newsletter[lang])).join(' / ')}
      postalAddress={postalAddress}
      senderName={senderName}
    >
      {languages.map((lang) => (
        <LangBlock key={lang} lang={lang}>
          <Heading as="h1" style={{ margin: '0 0 12px', fontSize: '22px', lineHeight: 1.3 }}>
            {transactionalText[lang].linkHeading}
          </Heading>
          <Text style={{ margin: '0 0 12px', fontSize: '16px', lineHeight: 1.6 }}>
            {transactionalText[lang].linkBody(newsletter[lang])}
          </Text>
        </LangBlock>
      ))}
      <ActionButton
        href={unsubscribeUrl}
        languages={languages}
        label={(lang) => transactionalText[lang].linkButton}
      />
      <div className={darkClass.muted} style={{ fontSize: '14px', lineHeight: 1.5, color: colors.muted }}>
        {languages.map((lang) => (
          <LangBlock key={lang} lang={lang} style={{ marginBottom: '8px' }}>
            {transactionalText[lang].linkNotYou}
          </LangBlock>
        ))}
        <Link
          href={unsubscribeUrl}
          className={darkClass.link}
          style={{ color: colors.link, wordBreak: 'break-all' }}
        >
          {unsubscribeUrl}
        </Link>
      </div>
    </TransactionalFrame>
  );
}
