import type { ContentProblem } from './item.ts';

/** `error  2026-11/a.md:4: date_published: is not a real date…`: file, line, field, reason on one line. */
export function formatProblem(problem: ContentProblem): string {
  const file = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const where = problem.field === undefined ? file : `${file}: ${problem.field}`;
  return `${problem.severity === 'error' ? 'error' : 'warning'}  ${where}: ${problem.message}`;
}
