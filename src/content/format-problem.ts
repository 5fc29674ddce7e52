import type { ContentProblem } from './item.ts';

/** `content/a.md: date_published: is not a real date…` — file, field, reason on one line. */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.field === undefined ? problem.file : `${problem.file}: ${problem.field}`;
  return `${problem.severity === 'error' ? 'error' : 'warning'}  ${where}: ${problem.message}`;
}
