import { Heading, Link, Text } from 'react-email';
import type { Language } from '../../src/locale.ts';
import { LangBlock } from '../components/lang-block.tsx';
import { colors, darkClass } from '../components/theme.ts';
import { ActionButton } from './action-button.tsx';
import { TransactionalFrame } from './transactional-frame.tsx';
import { transactionalText } from './transactional-text.ts';

export interface ConfirmEmailProps {
  languages: Language[];
  /** The newsletter's name per language. */
  newsletter: Record<Language, string>;
  confirmUrl: string;
  expiresInDays: number;
  postalAddress: string;
  senderName: string;
  /** A request by mail (issue 14): what was read from it, per language, said back to the reader. */
  understood?: Record<Language, string[]>;
}

/** The double opt-in mail: one button, the link spelled out, and what happens if ignored. */
export function ConfirmEmail({
  languages,
  newsletter,
  confirmUrl,
  expiresInDays,
  postalAddress,
  senderName,
  understood,
}: ConfirmEmailProps) {
  const title = languages.map((lang) => transactionalText[lang].confirmSubject(newsletter[lang])).join(' / ');
  return (
    <TransactionalFrame
      languages={languages}
      title={title}
      preheader={languages.map((lang) => transactionalText[lang].confirmBody(newsletter[lang])).join(' / ')}
      postalAddress={postalAddress}
      senderName={senderName}
    >
      {languages.map((lang) => (
        <LangBlock key={lang} lang={lang}>
          <Heading as="h1" style={{ margin: '0 0 12px', fontSize: '22px', lineHeight: 1.3 }}>
            {transactionalText[lang].confirmHeading}
          </Heading>
          <Text style={{ margin: '0 0 12px', fontSize: '16px', lineHeight: 1.6 }}>
            {transactionalText[lang].confirmBody(newsletter[lang])}
          </Text>
          {understood === undefined ? null : (
            <Text style={{ margin: '0 0 12px', fontSize: '15px', lineHeight: 1.6 }}>
              <strong>{transactionalText[lang].understoodHeading}</strong>
              {understood[lang].map((line) => (
                <span key={line}>
                  <br />
                  {line}
                </span>
              ))}
              <br />
              {transactionalText[lang].understoodLater}
            </Text>
          )}
        </LangBlock>
      ))}
      <ActionButton
        href={confirmUrl}
        languages={languages}
        label={(lang) => transactionalText[lang].confirmButton}
      />
      <div className={darkClass.muted} style={{ fontSize: '14px', lineHeight: 1.5, color: colors.muted }}>
        {languages.map((lang) => (
          <LangBlock key={lang} lang={lang} style={{ marginBottom: '8px' }}>
            {transactionalText[lang].confirmExpiry(expiresInDays)} {transactionalText[lang].notYou}
          </LangBlock>
        ))}
        {languages.map((lang) => (
          <LangBlock key={lang} lang={lang}>
            {transactionalText[lang].linkFallback}
          </LangBlock>
        ))}
        {/* Only the address may break anywhere: it has no spaces, and words around it stay whole. */}
        <Link
          href={confirmUrl}
          className={darkClass.link}
          style={{ color: colors.link, wordBreak: 'break-all' }}
        >
          {confirmUrl}
        </Link>
      </div>
    </TransactionalFrame>
  );
}
