import type { Slot, SlotSplit } from '../render/personalization-slots.ts';

/** A part's fixed text laid out as base64 once; each recipient's copy is its pieces joined. */
export interface Base64Layout {
  /** The most the layout holds once every offset of every piece is encoded (bytes). */
  readonly maxBytes: number;
  /** Append one recipient's encoded part to `out`: lines of at most 76 characters, each ending CRLF. */
  encode(values: Record<Slot, string>, out: Buffer[]): void;
}

/** Characters a base64 line carries (RFC 2045 §6.8: at most 76). */
const LINE = 76;
/** Fixed text shorter than this is encoded with the recipient's values around it, per copy. */
const LARGE = 2048;

interface Piece {
  /** A small piece's whole text; a large one's first two bytes. */
  head: Buffer;
  /** A large piece's text, until its body is encoded at every offset. */
  bytes?: Buffer;
  /** A large piece's body as base64 lines when it starts 0, 1 or 2 bytes late, encoded on first use. */
  lines?: (Buffer | undefined)[];
  /** …and the 0–2 bytes left over after that body, carried into the next group of three. */
  tails?: Buffer[];
  large: boolean;
}

/**
 * Base64 of a text cut at per-recipient slots (`personalizationSlots`), laid out so that what
 * varies is encoded per copy and nothing else is. Base64 encodes groups of three bytes, so a fixed
 * piece's encoding depends on where it falls modulo three, which the lengths of the values before
 * it decide: each large fixed piece is encoded once for each offset it is met at (at most three).
 * A copy is then the values (with the few bytes around them that complete their groups) encoded
 * on their own lines, and between them the precomputed lines of the fixed pieces. Only the very
 * end carries padding, so the whole is one valid base64 body (RFC 2045 §6.8), lines of at most 76
 * characters.
 */
export function createBase64Layout(split: SlotSplit): Base64Layout {
  let maxBytes = 0;
  const pieces: Piece[] = split.parts.map((part) => {
    const bytes = Buffer.from(part, 'utf8');
    if (bytes.length < LARGE) {
      maxBytes += bytes.length;
      return { head: bytes, large: false };
    }
    const tails = [0, 1, 2].map((skip) => Buffer.from(bytes.subarray(skip + bodyLength(bytes.length, skip))));
    // Three encodings of ≈ 4/3 the bytes each, CRLF every 76 characters.
    maxBytes += 3 * Math.ceil(((bytes.length * 4) / 3) * (78 / 76)) + 2;
    return { head: Buffer.from(bytes.subarray(0, 2)), bytes, lines: [], tails, large: true };
  });
  const linesAt = (piece: Piece, skip: number): Buffer => {
    const lines = piece.lines as (Buffer | undefined)[];
    let encoded = lines[skip];
    if (encoded === undefined) {
      const bytes = piece.bytes as Buffer;
      encoded = toLines(bytes.subarray(skip, skip + bodyLength(bytes.length, skip)));
      lines[skip] = encoded;
      // Every offset encoded: the text itself is no longer needed.
      if (lines[0] && lines[1] && lines[2]) piece.bytes = undefined;
    }
    return encoded;
  };
  const { slots } = split;
  return {
    maxBytes,
    encode(values, out) {
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const add = (buffer: Buffer) => {
        if (buffer.length === 0) return;
        pending.push(buffer);
        pendingBytes += buffer.length;
      };
      for (let i = 0; i < pieces.length; i++) {
        const piece = pieces[i] as Piece;
        if (!piece.large) {
          add(piece.head);
        } else {
          // Complete the pending bytes to whole groups with the piece's first bytes, then the
          // piece's body as encoded for that offset.
          const skip = (3 - (pendingBytes % 3)) % 3;
          add(piece.head.subarray(0, skip));
          if (pendingBytes > 0) out.push(toLines(Buffer.concat(pending, pendingBytes)));
          out.push(linesAt(piece, skip));
          pending = [];
          pendingBytes = 0;
          add((piece.tails as Buffer[])[skip] as Buffer);
        }
        const slot = slots[i];
        if (slot !== undefined) add(Buffer.from(values[slot], 'utf8'));
      }
      if (pendingBytes > 0) out.push(toLines(Buffer.concat(pending, pendingBytes)));
    },
  };
}

/** Bytes of whole groups of three in a piece of `length` bytes started `skip` bytes late. */
function bodyLength(length: number, skip: number): number {
  return Math.floor((length - skip) / 3) * 3;
}

/** Base64 in lines of 76 characters, each ending CRLF (the last one shorter). */
function toLines(bytes: Buffer): Buffer {
  const encoded = bytes.toString('base64');
  const out = Buffer.allocUnsafe(encoded.length + 2 * Math.ceil(encoded.length / LINE));
  let at = 0;
  for (let start = 0; start < encoded.length; start += LINE) {
    at += out.write(encoded.slice(start, start + LINE), at, 'latin1');
    out[at++] = 0x0d;
    out[at++] = 0x0a;
  }
  return out;
}
