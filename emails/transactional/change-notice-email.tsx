import { Heading, Link, Text } from 'react-email';
import type { Language } from '../../src/locale.ts';
import { LangBlock } from '../components/lang-block.tsx';
import { colors, darkClass } from '../components/theme.ts';
import { TransactionalFrame } from './transactional-frame.tsx';
import type { FooterLink } from './transactional-frame.tsx';
import { transactionalText } from './transactional-text.ts';
import type { ChangeKind, ChangeVia } from './transactional-text.ts';

export interface ChangeNoticeEmailProps {
  languages: Language[];
  newsletter: Record<Language, string>;
  kind: ChangeKind;
  via: ChangeVia;
  /** When the change was made, written for each language in the newsletter's time zone. */
  when: Record<Language, string>;
  /** The lists the change concerns, named per language. The newsletter's name is the sender's. */
  lists: Record<Language, string>;
  /** Where to subscribe again (after an unsubscribe). */
  subscribeUrl?: string;
  links?: FooterLink[];
  postalAddress: string;
  senderName: string;
}

/**
 * The result notice of a consent change (정보통신망법 §50⑦): who (the sender), when and what
 * changed, in the reader's language(s). Short on purpose: one heading, two sentences.
 */
export function ChangeNoticeEmail(props: ChangeNoticeEmailProps) {
  const { languages, newsletter, kind, via, when, lists, subscribeUrl, postalAddress, senderName } = props;
  const body = (lang: Language) =>
    transactionalText[lang].noticeBody(
      newsletter[lang],
      when[lang],
      transactionalText[lang].noticeChange(kind, lists[lang]),
      via,
    );
  return (
    <TransactionalFrame
      languages={languages}
      title={languages.map((lang) => transactionalText[lang].noticeSubject(newsletter[lang])).join(' / ')}
      preheader={languages.map(body).join(' / ')}
      postalAddress={postalAddress}
      senderName={senderName}
      links={props.links}
    >
      {languages.map((lang) => (
        <LangBlock key={lang} lang={lang}>
          <Heading as="h1" style={{ margin: '0 0 12px', fontSize: '22px', lineHeight: 1.3 }}>
            {transactionalText[lang].noticeHeading}
          </Heading>
          <Text style={{ margin: '0 0 12px', fontSize: '16px', lineHeight: 1.6 }}>{body(lang)}</Text>
          <Text style={{ margin: '0 0 12px', fontSize: '15px', lineHeight: 1.6 }}>
            {transactionalText[lang].noticeAfter(kind)}
          </Text>
        </LangBlock>
      ))}
      {subscribeUrl === undefined ? null : (
        <div className={darkClass.muted} style={{ fontSize: '14px', lineHeight: 1.5, color: colors.muted }}>
          {languages.map((lang) => (
            <LangBlock key={lang} lang={lang} as="span">
              {transactionalText[lang].noticeResubscribe}{' '}
            </LangBlock>
          ))}
          <Link href={subscribeUrl} className={darkClass.link} style={{ color: colors.link }}>
            {subscribeUrl}
          </Link>
        </div>
      )}
    </TransactionalFrame>
  );
}
