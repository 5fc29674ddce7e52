import { MjmlColumn, MjmlSection, MjmlText } from '@faire/mjml-react';
import type { CSSProperties, ReactNode } from 'react';
import type { FullItemView, ItemColumn, LangText } from '../digest-props.ts';
import { LangBlock } from './lang-block.tsx';
import { colors, darkClass, fontFor } from './theme.ts';
import { uiText } from './ui-text.ts';

/**
 * One bilingual item: one MJML section, one column per language (side by side on wide screens,
 * stacked on phones without media queries), one text block per column, each with its own font.
 */
export function ItemSection({ item }: { item: FullItemView }) {
  const width = `${100 / item.columns.length}%`;
  const last = item.columns.length - 1;
  return (
    // The divider is the section's: one rule across both columns, and none between the languages
    // of one item when they stack on a phone (a rule there would read as the next item).
    <MjmlSection padding="12px 24px 16px" borderTop={`1px solid ${colors.rule}`} cssClass={darkClass.item}>
      {item.columns.map((column, index) => (
        <MjmlColumn key={column.lang} width={width}>
          <MjmlText fontFamily={fontFor([column.lang])}>
            <ItemBlock
              item={item}
              column={column}
              anchor={index === 0}
              // The gutter is the first column's right padding, so a stacked column is not indented;
              // stacked on a phone, the next language starts 12 px lower.
              inset={index < last ? { padding: '0 16px 12px 0' } : {}}
            />
          </MjmlText>
        </MjmlColumn>
      ))}
    </MjmlSection>
  );
}

/**
 * One item in one language, as lean HTML: every byte here repeats per item, so styles are set
 * once where they inherit (the text block's size and line height) and only differences are inlined.
 */
export function ItemBlock({
  item,
  column,
  anchor,
  inset,
}: {
  item: FullItemView;
  column: ItemColumn;
  /** Carry the item's anchor (the first column only: ids are unique). */
  anchor: boolean;
  /**
   * In a column of an item section (which draws the divider): the gutter toward the other column.
   * Without it the block is inline in a category's text and draws its own divider.
   */
  inset?: CSSProperties;
}) {
  const words = uiText[column.lang];
  const inline = inset === undefined;
  return (
    <LangBlock
      lang={column.lang}
      id={anchor ? item.anchor : undefined}
      className={inline ? darkClass.item : undefined}
      // overflow-wrap: a long URL in a headline must wrap, not widen the phone's screen.
      style={
        inline
          ? {
              overflowWrap: 'anywhere',
              borderTop: `1px solid ${colors.rule}`,
              padding: '12px 0 0',
              margin: '0 0 16px',
            }
          : { overflowWrap: 'anywhere', ...inset }
      }
    >
      <ItemMarks item={item} column={column} />
      <h3 style={{ margin: '0 0 4px', fontSize: '19px', lineHeight: 1.35 }}>
        {item.url === undefined ? (
          <Own column={column} text={column.title} />
        ) : (
          <a href={item.url} style={{ color: colors.link, textDecoration: 'none' }}>
            <Own column={column} text={column.title} />
          </a>
        )}
      </h3>
      {item.source === undefined ? null : (
        <p className={darkClass.muted} style={{ margin: '0 0 8px', fontSize: '13px', color: colors.muted }}>
          {item.source}
        </p>
      )}
      {column.summary === undefined ? null : (
        <p style={{ margin: '0 0 12px' }}>
          <Own column={column} text={column.summary} />
        </p>
      )}
      {column.soWhat === undefined ? null : (
        // A one-cell table, not a padded <div>: Outlook's Word engine drops a div's padding and
        // background, a cell's it keeps.
        <table role="presentation" width="100%" style={CALLOUT_TABLE}>
          <tbody>
            <tr>
              <td className={darkClass.callout} style={CALLOUT_CELL}>
                <b className={darkClass.accent} style={{ fontSize: '13px', color: colors.accent }}>
                  {words.soWhat}
                </b>
                <br />
                <Own column={column} text={column.soWhat} />
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {column.keyPoints === undefined ? null : (
        <Fallback column={column} lang={column.keyPoints.lang}>
          {/* Indented by margin, not padding: Outlook ignores a list's padding. */}
          <ul style={{ margin: '0 0 12px 20px', padding: 0, fontSize: '15px', lineHeight: 1.5 }}>
            {column.keyPoints.points.map((point, index) => (
              <li key={index}>{point}</li>
            ))}
          </ul>
        </Fallback>
      )}
      {item.url === undefined ? null : (
        <a href={item.url} style={{ color: colors.link, fontSize: '15px' }}>
          {words.readMore} →
        </a>
      )}
    </LangBlock>
  );
}

const CALLOUT_TABLE = { margin: '0 0 12px', borderCollapse: 'collapse' } as const;
const CALLOUT_CELL = {
  padding: '10px 12px',
  background: colors.calloutBg,
  borderLeft: `4px solid ${colors.calloutBorder}`,
  fontSize: '15px',
  lineHeight: 1.55,
} as const;

/**
 * "영문 기사", "2월 20일 기사 · From Feb 20", "정정 · Correction" above the headline, each in its
 * own language: a column shows its language's, a lone column (the item has one language) all.
 */
export function ItemMarks({ item, column }: { item: FullItemView; column: ItemColumn }) {
  const marks = item.columns.length > 1 ? item.marks.filter((m) => m.lang === column.lang) : item.marks;
  if (marks.length === 0) return null;
  return (
    <p className={darkClass.accent} style={{ margin: '0 0 4px', fontSize: '13px', color: colors.accent }}>
      {marks.map((mark, index) => (
        <LangBlock key={mark.lang} lang={mark.lang} as="span">
          {index > 0 ? ' · ' : ''}
          {mark.text}
        </LangBlock>
      ))}
    </p>
  );
}

/** The text as is when it is in the column's language, else wrapped with its own `lang`. */
function Own({ column, text }: { column: ItemColumn; text: LangText }) {
  return text.lang === column.lang ? (
    <>{text.text}</>
  ) : (
    <LangBlock lang={text.lang} as="span">
      {text.text}
    </LangBlock>
  );
}

function Fallback({
  column,
  lang,
  children,
}: {
  column: ItemColumn;
  lang: LangText['lang'];
  children: ReactNode;
}) {
  return lang === column.lang ? <>{children}</> : <LangBlock lang={lang}>{children}</LangBlock>;
}
