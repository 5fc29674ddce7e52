import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';

const execFileAsync = promisify(execFile);

/** This checkout, and its CLI as an operator runs it by path. */
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'gazette.js');

/**
 * The environment a newcomer has: no DATABASE_URL, SMTP_URL or public URL (SQLite under data/,
 * mail to outbox/), and a secret as the README says.
 */
export function firstDayEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GAZETTE_SECRET: 'first-day-secret-0123456789abcdefghijklmnop',
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  delete env.GAZETTE_PUBLIC_URL;
  return env;
}

export interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node BIN ARGS…` in `cwd` to its end (at most two minutes); a failure is returned, not thrown. */
export async function runToEnd(
  bin: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<Finished> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], {
      cwd,
      env,
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * The lists people have, written into `dir`: Excel's "CSV UTF-8" (BOM, English headers, topics
 * in one quoted cell), Korean Excel's CSV (CP949, Korean headers, CRLF) and a semicolon export.
 * Returns the file names, one subscriber each.
 */
export function writeFirstDayLists(dir: string): string[] {
  const files: Record<string, Buffer | string> = {
    'excel-utf8.csv': '\ufeffEmail,Name,Language,Topics\nemma@example.com,Emma Jones,en,"tech, business"\n',
    'excel-korean.csv': iconv.encode(
      '이메일,이름,언어,관심사\r\nsong@example.com,송지호,한국어,기술\r\n',
      'cp949',
    ),
    'semicolons.csv': 'email;name;locale;categories\nhan@example.com;한지우;bilingual;\n',
  };
  for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(dir, file), bytes);
  return Object.keys(files);
}

/** Who the lists of `writeFirstDayLists` hold, as `subscribers list --json` must show them. */
export const IMPORTED_PEOPLE = [
  { email: 'emma@example.com', name: 'Emma Jones', locale: 'en', categories: ['business', 'tech'] },
  { email: 'song@example.com', name: '송지호', locale: 'ko', categories: ['tech'] },
  { email: 'han@example.com', name: '한지우', locale: 'bilingual', categories: [] },
];

export interface ListedPerson {
  email: string;
  name: string;
  status: string;
  locale: string;
  categories: string[];
}

/** The lines of `subscribers list --json`. */
export function parsePeople(stdout: string): ListedPerson[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const { email, name, status, locale, categories } = JSON.parse(line) as ListedPerson;
      return { email, name, status, locale, categories };
    });
}

/** Every `.eml` in an outbox folder (none yet: empty), parsed. */
export async function readOutbox(folder: string): Promise<ParsedMail[]> {
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder).filter((file) => file.endsWith('.eml'));
  return Promise.all(files.map((file) => simpleParser(readFileSync(path.join(folder, file)))));
}

/** The first To address of a parsed mail. */
export function recipientOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? '';
}
