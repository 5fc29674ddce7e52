import { createHash, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { foldLines } from 'nodemailer/lib/mime-funcs';

/** One signing key: RSA (`rsa-sha256`) or Ed25519 (`ed25519-sha256`, RFC 8463). */
export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: KeyObject;
}

/** Signs messages whose header block and body are at hand (no stream, no parse of the body). */
export interface DkimSigner {
  /** The DKIM-Signature header lines (one per key, each ending CRLF) to put above `header`. */
  sign(header: string, body: readonly Buffer[]): string;
}

/**
 * The fields signed: the composer's own list plus List-Unsubscribe-Post, which RFC 8058 §4 wants
 * signed with List-Unsubscribe (nodemailer's default list leaves it out).
 */
export const SIGNED_FIELDS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:List-Id:List-Unsubscribe:List-Unsubscribe-Post';

/**
 * DKIM (RFC 6376), relaxed/relaxed, one signature per key over the same fields: the body hash is
 * computed once per message (SHA-256 over the body as it is, which the senders here already write
 * canonical; anything else is canonicalised first), then each key signs the canonical header
 * fields. RSA signs them with SHA-256; Ed25519 signs their SHA-256 digest (RFC 8463 §3).
 */
export function createDkimSigner(keys: readonly DkimKey[], fields = SIGNED_FIELDS): DkimSigner {
  const wanted = fields.toLowerCase().split(':');
  return {
    sign(header, body) {
      const bodyHash = relaxedBodyHash(body);
      const present = selectFields(header, wanted);
      const names = present.map((field) => field.name).join(':');
      const canonical = present.map((field) => `${field.canonical}\r\n`).join('');
      let out = '';
      for (const key of keys) {
        const ed25519 = key.privateKey.asymmetricKeyType === 'ed25519';
        const tags = [
          'v=1',
          `a=${ed25519 ? 'ed25519' : 'rsa'}-sha256`,
          'c=relaxed/relaxed',
          `d=${key.domainName}`,
          'q=dns/txt',
          `s=${key.keySelector}`,
          `bh=${bodyHash}`,
          `h=${names}`,
        ].join('; ');
        const unsigned = `${foldLines(`DKIM-Signature: ${tags}`, 76)};\r\n b=`;
        const data = Buffer.from(canonical + relaxedField(unsigned).canonical, 'utf8');
        const signature = ed25519
          ? sign(null, createHash('sha256').update(data).digest(), key.privateKey)
          : sign('sha256', data, key.privateKey);
        // Folding inside b= is whitespace a verifier removes with the value (RFC 6376 §3.5).
        const b = signature.toString('base64').replace(/(^.{73}|.{75}(?!$))/g, '$&\r\n ');
        out += `${unsigned}${b}\r\n`;
      }
      return out;
    },
  };
}

interface Field {
  name: string;
  canonical: string;
}

/** The header fields the h= list names, each instance from the bottom up (RFC 6376 §5.4.2). */
function selectFields(header: string, wanted: readonly string[]): Field[] {
  const fields = header
    .replace(/\r\n$/, '')
    .split(/\r\n(?![ \t])/)
    .map(relaxedField);
  const selected: Field[] = [];
  for (const name of wanted) {
    for (let i = fields.length - 1; i >= 0; i--) {
      const field = fields[i] as Field;
      if (field.name.toLowerCase() === name) selected.push(field);
    }
  }
  return selected;
}

/** Relaxed header canonicalisation (RFC 6376 §3.4.2) of one field, folded or not. */
function relaxedField(line: string): Field {
  const colon = line.indexOf(':');
  const name = line.slice(0, colon).trim();
  const value = line
    .slice(colon + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return { name, canonical: `${name.toLowerCase()}:${value}` };
}

/**
 * Relaxed body canonicalisation (RFC 6376 §3.4.4) and its SHA-256, base64. A body with no tab,
 * no run of spaces, no space before a line end and exactly one CRLF at its end is its own
 * canonical form (base64 parts between MIME boundaries are): it is hashed as it is.
 */
function relaxedBodyHash(body: readonly Buffer[]): string {
  const hash = createHash('sha256');
  if (isCanonical(body)) {
    for (const chunk of body) hash.update(chunk);
    return hash.digest('base64');
  }
  const text = Buffer.concat(body).toString('latin1');
  const lines = text.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  hash.update(lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`, 'latin1');
  return hash.digest('base64');
}

function isCanonical(body: readonly Buffer[]): boolean {
  for (const chunk of body) {
    if (chunk.includes(0x09)) return false;
    for (let at = chunk.indexOf(0x20); at !== -1; at = chunk.indexOf(0x20, at + 1)) {
      const next = chunk[at + 1];
      if (next === undefined || next === 0x20 || next === 0x0d) return false;
    }
  }
  const last = body[body.length - 1];
  if (last === undefined || last.length < 3) return false;
  const n = last.length;
  // Ends with one CRLF, not with an empty line.
  return last[n - 2] === 0x0d && last[n - 1] === 0x0a && !(last[n - 4] === 0x0d && last[n - 3] === 0x0a);
}
