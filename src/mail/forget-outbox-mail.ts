import { open, readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { domainToASCII } from 'node:url';

/** Headers come first in an .eml file; nodemailer's are a few KB at most. */
const HEAD_BYTES = 64 * 1024;

/**
 * Delete every message in an outbox folder (and its subfolders) addressed to `email`: the
 * erasure of `subscribers remove --forget` reaches the `.eml` files as well. File names do not
 * carry the address (create-outbox-mailer.ts), so each file's `To:` header is read. Matching is
 * case-insensitive, with the domain compared in its ASCII (punycode) form. Returns the files deleted.
 */
export async function forgetOutboxMail(dir: string, email: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const wanted = comparable(email);
  let deleted = 0;
  for (const name of names) {
    if (!/\.eml(\.part)?$/.test(name)) continue;
    const file = path.join(dir, name);
    if (!(await recipients(file)).some((address) => comparable(address) === wanted)) continue;
    await unlink(file);
    deleted++;
  }
  return deleted;
}

async function recipients(file: string): Promise<string[]> {
  const handle = await open(file, 'r');
  let head: string;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  const end = head.search(/\r?\n\r?\n/);
  const unfolded = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const addresses: string[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    const field = /^(?:to|cc|bcc):(.*)$/i.exec(line);
    if (field?.[1] === undefined) continue;
    // `Name <a@b>, c@d`: the part in angle brackets, else each bare token with an @.
    for (const match of field[1].matchAll(/<([^<>\s]+@[^<>\s]+)>|([^\s<>",;]+@[^\s<>",;]+)/g)) {
      addresses.push(match[1] ?? match[2] ?? '');
    }
  }
  return addresses;
}

function comparable(address: string): string {
  const at = address.lastIndexOf('@');
  if (at === -1) return address.toLowerCase();
  const domain = address.slice(at + 1);
  return `${address.slice(0, at)}@${domainToASCII(domain) || domain}`.toLowerCase();
}
