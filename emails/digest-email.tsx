import { Fragment } from 'react';
import type { Language } from '../src/locale.ts';
import { CompactItems } from './components/compact-items.tsx';
import { ContentsBlock } from './components/contents-block.tsx';
import { EmailFooter } from './components/email-footer.tsx';
import type { FooterLink } from './components/email-footer.tsx';
import { EmailShell } from './components/email-shell.tsx';
import { ItemBlock } from './components/item-block.tsx';
import { Masthead } from './components/masthead.tsx';
import { SectionHeading } from './components/section-heading.tsx';
import { uiText } from './components/ui-text.ts';
import type { DigestProps } from './digest-props.ts';

/**
 * The daily digest: masthead, contents, category sections of items (full or compacted), footer.
 * The same template renders the web edition (`mode: 'web'`): no preheader, greeting or
 * per-recipient links there.
 */
export function DigestEmail(props: DigestProps) {
  const { languages } = props;
  return (
    <EmailShell
      lang={props.htmlLang}
      title={props.subject}
      preheader={props.mode === 'email' ? props.preheader : undefined}
    >
      <Masthead name={props.newsletterName} dateLabel={props.dateLabel} greeting={props.greeting} />
      <ContentsBlock
        languages={languages}
        sections={props.sections}
        totalCount={props.totalCount}
        compactedCount={props.compactedCount}
        fullEditionUrl={props.fullEditionUrl}
      />
      {props.sections.map((section) => (
        <Fragment key={section.id}>
          <SectionHeading section={section} />
          {section.items.map((item) => (
            <ItemBlock key={item.id} item={item} />
          ))}
          {section.compacted.length > 0 ? (
            <CompactItems languages={languages} items={section.compacted} />
          ) : null}
        </Fragment>
      ))}
      <EmailFooter
        languages={languages}
        why={props.mode === 'email' ? whyText(props, languages) : undefined}
        links={footerLinks(props)}
        senderName={props.senderName}
        contactEmail={props.contactEmail}
        postalAddress={props.postalAddress}
      />
    </EmailShell>
  );
}

function whyText(props: DigestProps, languages: Language[]): Partial<Record<Language, string>> {
  const byLang = (parts: DigestProps['listName'], lang: Language) =>
    (parts.find((p) => p.lang === lang) ?? parts[0])?.text ?? '';
  return Object.fromEntries(
    languages.map((lang) => [
      lang,
      uiText[lang].why(byLang(props.newsletterName, lang), byLang(props.listName, lang)),
    ]),
  );
}

function footerLinks(props: DigestProps): FooterLink[] {
  const links: FooterLink[] = [];
  const add = (
    href: string | undefined,
    key: 'viewInBrowser' | 'preferences' | 'unsubscribe' | 'fullEdition',
  ) => {
    if (href !== undefined) links.push({ href, label: { ko: uiText.ko[key], en: uiText.en[key] } });
  };
  if (props.mode === 'web') {
    if (props.compactedCount > 0) add(props.fullEditionUrl, 'fullEdition');
    return links;
  }
  add(props.viewInBrowserUrl, 'viewInBrowser');
  add(props.preferencesUrl, 'preferences');
  add(props.unsubscribeUrl, 'unsubscribe');
  return links;
}
