import type { MarkerKind } from '../../emails/components/measure-marker.tsx';
import { INLINE_MARKER } from './finalize-html.ts';

/** Byte sizes of a marked digest (see `MeasureMarker`), as markup or as compiled HTML. */
export interface Regions {
  /** Everything, markers left out (and, in HTML, Outlook conditionals joined). */
  total: number;
  /** Each marked section in order: its kind and bytes. */
  sections: { kind: MarkerKind; bytes: number }[];
  /** Each full item in edition order: the bytes it adds (its section, or its block in a text). */
  items: number[];
}

const MARKUP_SECTION = /<mj-raw><!--gz:(\w+)--><\/mj-raw>/g;
const HTML_SECTION = /<!--gz:(\w+)-->/g;
const INLINE_ITEM = /<gz-s><\/gz-s>([\s\S]*?)<gz-e><\/gz-e>/g;
const OPEN = '<!--[if mso | IE]>';
const CLOSE = '<![endif]-->';
// MJML joins `CLOSE` + `OPEN` where two sections meet: a section costs that much less.
const JOINED = Buffer.byteLength(CLOSE + OPEN);

/**
 * Cut a marked digest at its markers and weigh each piece in UTF-8 bytes. In HTML, a section that
 * follows another loses the Outlook conditional MJML joins away, so the pieces add up to the size
 * of the HTML without markers.
 */
export function measureRegions(text: string, form: 'markup' | 'html'): Regions {
  const pattern = form === 'markup' ? MARKUP_SECTION : HTML_SECTION;
  const sections: Regions['sections'] = [];
  const items: number[] = [];
  let total = 0;
  let previous = '';
  let last = 0;
  let kind: MarkerKind | undefined;
  const close = (end: number) => {
    const piece = text.slice(last, end);
    const inline = piece.includes('<gz-');
    let bytes = Buffer.byteLength(inline ? piece.replace(INLINE_MARKER, '') : piece);
    if (form === 'html' && piece.startsWith(OPEN) && previous.endsWith(CLOSE)) bytes -= JOINED;
    total += bytes;
    if (kind !== undefined && kind !== 'end') {
      sections.push({ kind, bytes });
      if (kind === 'item') items.push(bytes);
      if (inline)
        for (const match of piece.matchAll(INLINE_ITEM)) items.push(Buffer.byteLength(match[1] ?? ''));
    }
    previous = piece;
  };
  for (const match of text.matchAll(pattern)) {
    close(match.index);
    kind = match[1] as MarkerKind;
    last = match.index + match[0].length;
  }
  close(text.length);
  return { total, sections, items };
}
