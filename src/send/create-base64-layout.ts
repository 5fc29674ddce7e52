import type { Slot, SlotSplit } from '../render/personalization-slots.ts';

/** A part's fixed text laid out as base64 once; each recipient's copy is its pieces joined. */
export interface Base64Layout {
  /** Bytes the precomputed pieces hold. */
  readonly bytes: number;
  /** Append one recipient's encoded part to `out`: lines of at most 76 characters, each ending CRLF. */
  encode(values: Record<Slot, string>, out: Buffer[]): void;
}

/** Characters a base64 line carries (RFC 2045 §6.8: at most 76). */
const LINE = 76;
/** Fixed text shorter than this is encoded with the recipient's values around it, per copy. */
const LARGE = 2048;

interface Piece {
  /** The whole text, for a small piece; the first two bytes, for a large one. */
  head: Buffer;
  /** Large pieces: by how many bytes the piece starts late (0, 1, 2), its body as base64 lines… */
  lines?: [Buffer, Buffer, Buffer];
  /** …and the 0–2 bytes left over after that body, carried into the next group of three. */
  tails?: [Buffer, Buffer, Buffer];
}

/**
 * Base64 of a text cut at per-recipient slots (`personalizationSlots`), laid out so that what
 * varies is encoded per copy and nothing else is. Base64 encodes groups of three bytes, so a fixed
 * piece's encoding depends on where it falls modulo three, which the lengths of the values before
 * it decide: each large fixed piece is encoded once for each of the three offsets. A copy is then
 * the values (with the few bytes around them that complete their groups) encoded on their own
 * lines, and between them the precomputed lines of the fixed pieces. Only the very end carries
 * padding, so the whole is one valid base64 body (RFC 2045 §6.8), lines of at most 76 characters.
 */
export function createBase64Layout(split: SlotSplit): Base64Layout {
  const pieces: Piece[] = split.parts.map((part) => {
    const bytes = Buffer.from(part, 'utf8');
    if (bytes.length < LARGE) return { head: bytes };
    const at = (skip: number) => {
      const end = skip + Math.floor((bytes.length - skip) / 3) * 3;
      return { lines: toLines(bytes.subarray(skip, end)), tail: Buffer.from(bytes.subarray(end)) };
    };
    const offsets = [at(0), at(1), at(2)] as const;
    return {
      head: Buffer.from(bytes.subarray(0, 2)),
      lines: [offsets[0].lines, offsets[1].lines, offsets[2].lines],
      tails: [offsets[0].tail, offsets[1].tail, offsets[2].tail],
    };
  });
  let bytes = 0;
  for (const piece of pieces) {
    bytes += piece.head.length;
    for (const lines of piece.lines ?? []) bytes += lines.length;
  }
  const { slots } = split;
  return {
    bytes,
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
        if (piece.lines === undefined || piece.tails === undefined) {
          add(piece.head);
        } else {
          // Complete the pending bytes to whole groups with the piece's first bytes, then the
          // piece's body as encoded for that offset.
          const skip = (3 - (pendingBytes % 3)) % 3;
          add(piece.head.subarray(0, skip));
          if (pendingBytes > 0) out.push(toLines(Buffer.concat(pending, pendingBytes)));
          out.push(piece.lines[skip] as Buffer);
          pending = [];
          pendingBytes = 0;
          add(piece.tails[skip] as Buffer);
        }
        const slot = slots[i];
        if (slot !== undefined) add(Buffer.from(values[slot], 'utf8'));
      }
      if (pendingBytes > 0) out.push(toLines(Buffer.concat(pending, pendingBytes)));
    },
  };
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
