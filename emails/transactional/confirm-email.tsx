import { MjmlButton, MjmlText } from '@faire/mjml-react';
import { Heading, Link, Text } from 'react-email';
import type { Language } from '../../src/locale.ts';
import { LangText, palette, TransactionalFrame } from './transactional-frame.tsx';
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
          <LangText key={lang} lang={lang}>
            <Heading as="h1" style={{ fontSize: '22px', margin: '0 0 12px' }}>
              {transactionalText[lang].confirmHeading}
            </Heading>
            <Text style={{ margin: '0 0 12px' }}>
              {transactionalText[lang].confirmBody(newsletter[lang])}
            </Text>
          </LangText>
        ))}
      </MjmlText>
      <MjmlButton
        href={confirmUrl}
        backgroundColor={palette.button}
        color="#ffffff"
        borderRadius="6px"
        fontSize="17px"
        padding="8px 0 20px"
        innerPadding="12px 24px"
        target="_self"
      >
        {languages.map((lang) => transactionalText[lang].confirmButton).join(' / ')}
      </MjmlButton>
      <MjmlText fontSize="14px" color={palette.muted}>
        {languages.map((lang) => (
          <LangText key={lang} lang={lang}>
            <Text style={{ margin: '0 0 8px', fontSize: '14px' }}>
              {transactionalText[lang].confirmExpiry(expiresInDays)} {transactionalText[lang].notYou}
            </Text>
          </LangText>
        ))}
        <Text style={{ margin: '0', fontSize: '14px', wordBreak: 'break-all' }}>
          {languages.map((lang) => transactionalText[lang].linkFallback).join(' / ')}{' '}
          <Link href={confirmUrl} style={{ color: palette.link }}>
            {confirmUrl}
          </Link>
        </Text>
      </MjmlText>
    </TransactionalFrame>
  );
}
