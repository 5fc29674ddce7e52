import type { ProblemView } from '../preview-views.ts';

/** Content problems as `gazette check` prints them, errors first. */
export function ProblemList({ problems }: { problems: ProblemView[] }) {
  if (problems.length === 0) return <p className="ok">No content problems.</p>;
  const sorted = [...problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return (
    <ul className="problems">
      {sorted.map((problem, index) => (
        <li key={index} className={problem.severity}>
          <code>{problem.text}</code>
        </li>
      ))}
    </ul>
  );
}
