import { MjmlColumn, MjmlSection, MjmlText } from '@faire/mjml-react';
import { Heading, Link, Text } from 'react-email';
import type { ReactNode } from 'react';
import type { FullItemView, ItemColumn, LangText } from '../digest-props.ts';
import { LangBlock } from './lang-block.tsx';
import { colors, darkClass } from './theme.ts';
import { uiText } from './ui-text.ts';

/**
 * One item in full: one MJML section, one column per language (side by side on wide screens,
 * stacked on phones without media queries), one text block per column to keep markup lean.
 */
export function ItemBlock({ item }: { item: FullItemView }) {
  const width = `${100 / item.columns.length}%`;
  return (
    <MjmlSection padding="8px 16px 16px">
      {item.columns.map((column, index) => (
        <MjmlColumn key={column.lang} width={width}>
          <MjmlText>
            <ItemColumnBody item={item} column={column} anchor={index === 0 ? item.anchor : undefined} />
          </MjmlText>
        </MjmlColumn>
      ))}
    </MjmlSection>
  );
}

function ItemColumnBody({
  item,
  column,
  anchor,
}: {
  item: FullItemView;
  column: ItemColumn;
  anchor?: string;
}) {
  const words = uiText[column.lang];
  return (
    // The gutter is padding on the text block: a padded mj-column costs one more table per column.
    <LangBlock
      lang={column.lang}
      id={anchor}
      // overflow-wrap: a long URL in a headline must wrap, not widen the phone's screen.
      style={{ borderTop: `1px solid ${colors.rule}`, padding: '12px 8px 0', overflowWrap: 'anywhere' }}
    >
      <Heading as="h3" style={{ margin: '0 0 4px', fontSize: '19px', lineHeight: 1.35 }}>
        {item.url === undefined ? (
          <Own column={column} text={column.title} />
        ) : (
          <Link href={item.url} className={darkClass.link} style={{ color: colors.link }}>
            <Own column={column} text={column.title} />
          </Link>
        )}
      </Heading>
      {item.source === undefined ? null : (
        <Text
          className={darkClass.muted}
          style={{
            marginTop: 0,
            marginBottom: '8px',
            fontSize: '13px',
            lineHeight: 1.4,
            color: colors.muted,
          }}
        >
          {item.source}
        </Text>
      )}
      {column.summary === undefined ? null : (
        <Text style={{ marginTop: 0, marginBottom: '12px', fontSize: '16px', lineHeight: 1.6 }}>
          <Own column={column} text={column.summary} />
        </Text>
      )}
      {column.soWhat === undefined ? null : (
        <div
          className={darkClass.callout}
          style={{
            margin: '0 0 12px',
            padding: '10px 12px',
            background: colors.calloutBg,
            borderLeft: `4px solid ${colors.calloutBorder}`,
          }}
        >
          <Text
            className={darkClass.accent}
            style={{ marginTop: 0, marginBottom: 0, fontSize: '13px', fontWeight: 700, color: colors.accent }}
          >
            {words.soWhat}
          </Text>
          <Text style={{ marginTop: 0, marginBottom: 0, fontSize: '15px', lineHeight: 1.55 }}>
            <Own column={column} text={column.soWhat} />
          </Text>
        </div>
      )}
      {column.keyPoints === undefined ? null : (
        <Fallback column={column} lang={column.keyPoints.lang}>
          <ul style={{ margin: '0 0 12px', paddingLeft: '20px', fontSize: '15px', lineHeight: 1.5 }}>
            {column.keyPoints.points.map((point, index) => (
              <li key={index}>{point}</li>
            ))}
          </ul>
        </Fallback>
      )}
      {item.url === undefined ? null : (
        <Text style={{ marginTop: 0, marginBottom: 0, fontSize: '15px' }}>
          <Link
            href={item.url}
            className={darkClass.link}
            style={{ color: colors.link, textDecorationLine: 'underline' }}
          >
            {words.readMore} →
          </Link>
        </Text>
      )}
    </LangBlock>
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
