import { MjmlRaw } from '@faire/mjml-react';

/** What a marker delimits: a section of the email, or one item's block inside a text block. */
export type MarkerKind = 'top' | 'category' | 'heading' | 'item' | 'footer' | 'end';

/**
 * Invisible boundaries the renderer measures the digest by (src/render/measure-regions.ts), so
 * the size budget is planned from one render instead of trial renders. `section` markers sit
 * between MJML sections as comments; `inline` markers sit inside a text block around one item.
 * The renderer removes both before the HTML leaves it; content cannot forge them (React escapes it).
 */
export function MeasureMarker({ kind, inline = false }: { kind: MarkerKind; inline?: boolean }) {
  if (inline) return kind === 'end' ? <gz-e /> : <gz-s />;
  return <MjmlRaw dangerouslySetInnerHTML={{ __html: `<!--gz:${kind}-->` }} />;
}

/**
 * Where a full item (`item`) or a compacted headline (`line`) goes when the renderer assembles
 * the digest from parts it rendered once (src/render/assemble-markup.ts): its section's index and
 * its index there, numbers only, so content cannot forge a slot.
 */
export function PartSlot({
  part,
  section,
  index,
}: {
  part: 'item' | 'line';
  section: number;
  index: number;
}) {
  return part === 'item' ? <gz-i s={section} n={index} /> : <gz-l s={section} n={index} />;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- JSX intrinsic elements are declared in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'gz-s': Record<string, never>;
      'gz-e': Record<string, never>;
      'gz-i': { s: number; n: number };
      'gz-l': { s: number; n: number };
    }
  }
}
