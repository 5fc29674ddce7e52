import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DetectedEncoding {
  /** An iconv-lite encoding name. */
  encoding: string;
  /** How it was found, for the operator: "byte order mark", "valid UTF-8", … */
  reason: string;
}

const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/;

/**
 * The text encoding of a CSV from its first bytes. Korean Excel saves "CSV" in CP949 (a superset
 * of EUC-KR); Google Sheets and "CSV UTF-8" save UTF-8, often with a byte order mark; "Unicode
 * text" is UTF-16. Order: byte order mark, UTF-16 by its zero bytes, valid UTF-8, CP949 that
 * decodes cleanly into Hangul, then chardet's statistics. Undefined when nothing is convincing:
 * the caller asks for --encoding rather than guessing ("송지호" must never become "����ȣ").
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding | undefined {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf8', reason: 'UTF-8 byte order mark' };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf16le', reason: 'UTF-16 byte order mark' };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf16be', reason: 'UTF-16 byte order mark' };
  const utf16 = utf16ByZeros(sample);
  if (utf16 !== undefined) return { encoding: utf16, reason: 'UTF-16 without byte order mark' };
  if (isUtf8(sample)) return { encoding: 'utf8', reason: 'valid UTF-8' };
  const korean = iconv.decode(Buffer.from(sample), 'cp949').replace(/\ufffd$/, '');
  if (!korean.includes('\ufffd') && HANGUL_SYLLABLE.test(korean)) {
    return { encoding: 'cp949', reason: 'Korean (CP949/EUC-KR)' };
  }
  const best = chardet.analyse(sample).find((match) => iconv.encodingExists(match.name));
  if (best === undefined || best.confidence < 50) return undefined;
  // windows-1252 is what "ISO-8859-1" files from Windows really are (curly quotes, €).
  const encoding = best.name === 'ISO-8859-1' ? 'windows-1252' : best.name;
  return { encoding, reason: `looks like ${best.name} (${best.confidence}% sure)` };
}

function startsWith(sample: Uint8Array, bytes: number[]): boolean {
  return bytes.every((byte, index) => sample[index] === byte);
}

function isUtf8(sample: Uint8Array): boolean {
  try {
    // stream: a character cut off at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** ASCII-heavy UTF-16 has a zero in every other byte: odd positions for LE, even for BE. */
function utf16ByZeros(sample: Uint8Array): 'utf16le' | 'utf16be' | undefined {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  if (oddZeros > pairs / 4 && evenZeros < pairs / 20) return 'utf16le';
  if (evenZeros > pairs / 4 && oddZeros < pairs / 20) return 'utf16be';
  return undefined;
}
