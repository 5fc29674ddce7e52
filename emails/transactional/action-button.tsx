import { Button } from 'react-email';
import type { Language } from '../../src/locale.ts';
import { LangBlock } from '../components/lang-block.tsx';
import { colors } from '../components/theme.ts';

export interface ActionButtonProps {
  href: string;
  languages: Language[];
  /** The button's words in one language; several languages are joined with " / ". */
  label: (lang: Language) => string;
}

/** The one button of a transactional mail (react-email's Outlook-safe `Button`), each language tagged. */
export function ActionButton({ href, languages, label }: ActionButtonProps) {
  return (
    <Button
      href={href}
      style={{
        backgroundColor: colors.link,
        color: colors.card,
        borderRadius: '6px',
        fontSize: '17px',
        padding: '12px 24px',
        margin: '8px 0 20px',
      }}
    >
      {languages.map((lang, i) => (
        <LangBlock key={lang} lang={lang} as="span">
          {i > 0 ? ' / ' : ''}
          {label(lang)}
        </LangBlock>
      ))}
    </Button>
  );
}
