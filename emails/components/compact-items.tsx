import { Fragment } from 'react';
import type { Language } from '../../src/locale.ts';
import type { CompactItemView } from '../digest-props.ts';
import { JoinedText } from './joined-text.tsx';
import { PartSlot } from './measure-marker.tsx';
import { colors, darkClass } from './theme.ts';
import { uiText } from './ui-text.ts';

export interface CompactItemsProps {
  languages: Language[];
  items: CompactItemView[];
  /** Items left out even as headlines (a day too big for its budget), linked as a whole. */
  omitted?: number;
  fullEditionUrl?: string;
  /** Write a slot for each headline instead (`PartSlot`), for this section index. */
  slotSection?: number;
}

/**
 * Items that did not fit the size budget: headline only, linked to the item on the web edition,
 * so every item stays one tap away instead of being clipped by Gmail. The list sets `dir`, Korean
 * word-keeping (keep-all changes nothing for English) and `overflow-wrap` (a long unbroken run, a
 * URL or Hangul without spaces, wraps instead of widening a phone's screen) once, so a headline
 * costs little more than its words and its link. Always rendered inside a text block;
 * `renderDigest` adds the bytes of its lines to plan the budget, so this is its whole markup.
 */
export function CompactItems({
  languages,
  items,
  omitted = 0,
  fullEditionUrl = '',
  slotSection,
}: CompactItemsProps) {
  return (
    <>
      <p
        className={`${darkClass.muted} ${darkClass.rule}`}
        style={{
          margin: '0 0 4px',
          paddingTop: '12px',
          borderTop: `1px solid ${colors.rule}`,
          fontSize: '13px',
          color: colors.muted,
        }}
      >
        <JoinedText parts={languages.map((lang) => ({ lang, text: uiText[lang].moreHeadlines }))} />
      </p>
      {items.length === 0 && omitted > 0 ? null : (
        <ul
          lang={languages.length === 1 ? languages[0] : undefined}
          dir="ltr"
          className={darkClass.compact}
          // Indented by margin: Outlook ignores a list's padding.
          style={{ margin: '0 0 16px 20px', padding: 0, wordBreak: 'keep-all', overflowWrap: 'anywhere' }}
        >
          {items.map((item, index) =>
            slotSection === undefined ? (
              <CompactLine key={item.id} languages={languages} item={item} />
            ) : (
              <PartSlot key={item.id} part="line" section={slotSection} index={index} />
            ),
          )}
        </ul>
      )}
      {omitted > 0 ? <MoreInWebEdition languages={languages} count={omitted} url={fullEditionUrl} /> : null}
    </>
  );
}

/** One compacted headline (both titles in bilingual, each with its `lang`). */
export function CompactLine({ languages, item }: { languages: Language[]; item: CompactItemView }) {
  const single = languages.length === 1;
  return (
    <li>
      <a href={item.href} style={{ color: colors.link }}>
        {item.title.map((title, index) => (
          <Fragment key={title.lang}>
            {index > 0 ? ' / ' : ''}
            {single && title.lang === languages[0] ? title.text : <span lang={title.lang}>{title.text}</span>}
          </Fragment>
        ))}
      </a>
      {item.marks.map((mark) => (
        <Fragment key={mark.lang}>
          {' · '}
          <span lang={mark.lang}>{mark.text}</span>
        </Fragment>
      ))}
    </li>
  );
}

/** "N more stories in the web edition", in each language shown, with its `lang`. */
function MoreInWebEdition({ languages, count, url }: { languages: Language[]; count: number; url: string }) {
  return (
    <p style={{ margin: '0 0 16px' }}>
      <a href={url} className={darkClass.link} style={{ color: colors.link }}>
        <JoinedText
          parts={languages.map((lang) => ({ lang, text: uiText[lang].moreInWebEdition(count) }))}
          separator=" / "
        />
      </a>
    </p>
  );
}
