import { MjmlButton, MjmlText } from '@faire/mjml-react';
import type { Language } from '../../src/locale.ts';
import { LangBlock } from '../components/lang-block.tsx';
import { colors, darkClass } from '../components/theme.ts';
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
}

/** The double opt-in mail: one button, the link spelled out, and what happens if ignored. */
export function ConfirmEmail({
  languages,
  newsletter,
  confirmUrl,
  expiresInDays,
  postalAddress,
  senderName,
}: ConfirmEmailProps) {
  const title = languages.map((lang) => transactionalText[lang].confirmSubject(newsletter[lang])).join(' / ');
  return (
    <TransactionalFrame
      languages={languages}
      title={title}
      postalAddress={postalAddress}
      senderName={senderName}
    >
      <MjmlText>
        {languages.map((lang) => (
          <LangBlock key={lang} lang={lang}>
            <h1 style={{ margin: '0 0 12px', fontSize: '22px', lineHeight: 1.3 }}>
              {transactionalText[lang].confirmHeading}
            </h1>
            <p style={{ margin: '0 0 12px' }}>{transactionalText[lang].confirmBody(newsletter[lang])}</p>
          </LangBlock>
        ))}
      </MjmlText>
      <MjmlButton
        href={confirmUrl}
        backgroundColor={colors.link}
        color={colors.card}
        borderRadius="6px"
        fontSize="17px"
        padding="8px 0 20px"
        innerPadding="12px 24px"
        target="_self"
      >
        {languages.map((lang) => transactionalText[lang].confirmButton).join(' / ')}
      </MjmlButton>
      <MjmlText fontSize="14px" color={colors.muted} cssClass={darkClass.muted}>
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
        <a
          href={confirmUrl}
          className={darkClass.link}
          style={{ color: colors.link, wordBreak: 'break-all' }}
        >
          {confirmUrl}
        </a>
      </MjmlText>
    </TransactionalFrame>
  );
}
