import type { ContentProblem } from './item.ts';

// Content and file names reach the terminal here: C0/C1 controls (ESC starts a terminal escape
// sequence), line and paragraph separators and bidi controls (Trojan Source, CVE-2021-42574) are
// shown as \uXXXX instead of being acted on.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `error  2026-11/a.md:4: date_published: is not a real date…`: file, line, field, reason on one line. */
export function formatProblem(problem: ContentProblem): string {
  const file = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const where = problem.field === undefined ? file : `${file}: ${problem.field}`;
  const line = `${problem.severity === 'error' ? 'error' : 'warning'}  ${where}: ${problem.message}`;
  return line.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
