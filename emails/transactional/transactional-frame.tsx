import type { ReactNode } from 'react';
import { MjmlColumn, MjmlSection } from '@faire/mjml-react';
import type { Language } from '../../src/locale.ts';
import { EmailFooter } from '../components/email-footer.tsx';
import type { FooterLink } from '../components/email-footer.tsx';
import { EmailShell } from '../components/email-shell.tsx';
import { fontFor } from '../components/theme.ts';

export interface TransactionalFrameProps {
  languages: Language[];
  title: string;
  postalAddress: string;
  senderName: string;
  /** MJML blocks (mj-text, mj-button) of the message. */
  children: ReactNode;
  /** Footer links (preferences, unsubscribe) with a label per language. */
  links?: FooterLink[];
}

/**
 * A one-card frame for transactional mail, built from the digest's shared parts (shell, colours,
 * fonts, dark mode, footer), so every Gazette email looks and behaves alike. Put each language's
 * text in a `LangBlock` (it carries `lang`, `dir` and Korean word-keeping).
 */
export function TransactionalFrame({
  languages,
  title,
  postalAddress,
  senderName,
  children,
  links = [],
}: TransactionalFrameProps) {
  return (
    <EmailShell lang={languages[0] ?? 'ko'} title={title} fontFamily={fontFor(languages)}>
      <MjmlSection padding="28px 24px 8px">
        <MjmlColumn>{children}</MjmlColumn>
      </MjmlSection>
      <EmailFooter
        languages={languages}
        links={links}
        senderName={senderName}
        postalAddress={postalAddress}
      />
    </EmailShell>
  );
}
