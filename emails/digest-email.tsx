import { Fragment } from 'react';
import { MjmlColumn, MjmlSection, MjmlText } from '@faire/mjml-react';
import type { Language } from '../src/locale.ts';
import { CompactItems } from './components/compact-items.tsx';
import { ContentsBlock } from './components/contents-block.tsx';
import { EmailFooter } from './components/email-footer.tsx';
import type { FooterLink } from './components/email-footer.tsx';
import { EmailShell } from './components/email-shell.tsx';
import { ItemBlock, ItemSection } from './components/item-block.tsx';
import { Masthead } from './components/masthead.tsx';
import { MeasureMarker, PartSlot } from './components/measure-marker.tsx';
import { BackToTop, SectionHeading } from './components/section-heading.tsx';
import { colors, darkClass, fontFor } from './components/theme.ts';
import { uiText } from './components/ui-text.ts';
import type { DigestProps, FullItemView, ItemColumn } from './digest-props.ts';

/**
 * The digest's props, plus whether to emit the markers the renderer measures the budget by, and
 * whether to write a slot (`PartSlot`) for each full item and compacted headline instead, for the
 * renderer to fill with their markup rendered once (src/render/assemble-markup.ts).
 */
export type DigestEmailProps = DigestProps & { markers?: boolean; slots?: boolean };

/**
 * The daily digest: masthead and contents, category sections of items (full or compacted),
 * footer. One language: one text block per category holds its heading, items and compacted
 * headlines (MJML sections cost ~1 KB each). Bilingual: one two-column section per item; a
 * category's compacted headlines go in the next single-column block (the next heading, or the
 * footer), so compacting never adds a section. The same template renders the web edition
 * (`mode: 'web'`): no preheader, greeting or per-recipient links there.
 */
export function DigestEmail(props: DigestEmailProps) {
  const { languages, sections } = props;
  const mark = props.markers === true;
  const slots = props.slots === true;
  const bilingual = languages.length > 1;
  const itemOf = (item: FullItemView, section: number, index: number) =>
    slots ? (
      <PartSlot part="item" section={section} index={index} />
    ) : (
      <DigestItem item={item} bilingual={bilingual} />
    );
  // What ends a section: its compacted headlines, if any, and the way back to the contents.
  const compactedOf = (index: number) => {
    const section = sections[index];
    if (section === undefined) return null;
    return (
      <>
        {section.compacted.length === 0 && section.omitted === 0 ? null : (
          <CompactItems
            languages={languages}
            items={section.compacted}
            omitted={section.omitted}
            fullEditionUrl={props.fullEditionUrl}
            slotSection={slots ? index : undefined}
          />
        )}
        <BackToTop languages={languages} />
      </>
    );
  };
  return (
    <EmailShell
      lang={props.htmlLang}
      title={props.subject}
      preheader={props.mode === 'email' ? props.preheader : undefined}
      fontFamily={fontFor(languages)}
    >
      {mark ? <MeasureMarker kind="top" /> : null}
      <MjmlSection padding="28px 24px 8px">
        <MjmlColumn>
          <MjmlText>
            <Masthead
              name={props.newsletterName}
              dateLabel={props.dateLabel}
              editionNumber={props.editionNumber}
              greeting={props.greeting}
            />
            <ContentsBlock
              languages={languages}
              sections={sections}
              totalCount={props.totalCount}
              compactedCount={props.compactedCount}
              fullEditionUrl={props.fullEditionUrl}
            />
            {bilingual && sections[0] !== undefined ? <SectionHeading section={sections[0]} /> : null}
          </MjmlText>
        </MjmlColumn>
      </MjmlSection>
      {sections.map((section, index) =>
        bilingual ? (
          <Fragment key={section.id}>
            {index === 0 ? null : (
              <>
                {mark ? <MeasureMarker kind="heading" /> : null}
                <MjmlSection>
                  <MjmlColumn>
                    <MjmlText>
                      {compactedOf(index - 1)}
                      <SectionHeading section={section} />
                    </MjmlText>
                  </MjmlColumn>
                </MjmlSection>
              </>
            )}
            {section.items.map((item, itemIndex) => (
              <Fragment key={item.id}>
                {mark ? <MeasureMarker kind="item" /> : null}
                {itemOf(item, index, itemIndex)}
              </Fragment>
            ))}
          </Fragment>
        ) : (
          <Fragment key={section.id}>
            {mark ? <MeasureMarker kind="category" /> : null}
            <MjmlSection>
              <MjmlColumn>
                <MjmlText>
                  <SectionHeading section={section} />
                  {section.items.map((item, itemIndex) => (
                    <Fragment key={item.id}>
                      {mark ? <MeasureMarker kind="item" inline /> : null}
                      {itemOf(item, index, itemIndex)}
                      {mark ? <MeasureMarker kind="end" inline /> : null}
                    </Fragment>
                  ))}
                  {compactedOf(index)}
                </MjmlText>
              </MjmlColumn>
            </MjmlSection>
          </Fragment>
        ),
      )}
      {mark ? <MeasureMarker kind="footer" /> : null}
      <EmailFooter
        languages={languages}
        why={props.mode === 'email' ? whyText(props, languages) : undefined}
        links={footerLinks(props)}
        senderName={props.senderName}
        contactEmail={props.contactEmail}
        postalAddress={props.postalAddress}
      >
        {bilingual ? compactedOf(sections.length - 1) : null}
        {props.inOtherLanguage === undefined ? null : (
          <InOtherLanguage languages={languages} {...props.inOtherLanguage} />
        )}
      </EmailFooter>
      {mark ? <MeasureMarker kind="end" /> : null}
    </EmailShell>
  );
}

/**
 * One full item as the digest shows it: its own two-column section (bilingual) or a block inside
 * its category's text. The renderer renders it alone to measure it, so it must stay exactly what
 * the template writes between the item's markers.
 */
export function DigestItem({ item, bilingual }: { item: FullItemView; bilingual: boolean }) {
  return bilingual ? (
    <ItemSection item={item} />
  ) : (
    <ItemBlock item={item} column={item.columns[0] as ItemColumn} anchor />
  );
}

/** "영문 기사 3건은 웹판에서 볼 수 있습니다": the items this language's email left out. */
function InOtherLanguage({ languages, count, url }: { languages: Language[]; count: number; url: string }) {
  return (
    <p style={{ margin: '16px 0 0', fontSize: '15px' }}>
      <a href={url} className={darkClass.link} style={{ color: colors.link }}>
        {languages.map((lang) => uiText[lang].inOtherLanguage(count)).join(' / ')}
      </a>
    </p>
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
