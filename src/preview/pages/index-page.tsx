import type { IndexView } from '../preview-views.ts';
import { TRANSACTIONAL_NAMES } from '../preview-views.ts';
import { ErrorBox } from './error-box.tsx';
import { PageLayout } from './page-layout.tsx';
import { ProblemList } from './problem-list.tsx';

export interface IndexPageProps {
  generation: number;
  view?: IndexView;
  error?: string;
}

/** Every edition, newest first, with its items per category, and every content problem. */
export function IndexPage({ generation, view, error }: IndexPageProps) {
  return (
    <PageLayout title="Editions" generation={generation}>
      <h1>{view === undefined ? 'Editions' : `${view.config.name.en} · ${view.config.name.ko}`}</h1>
      {error === undefined ? null : (
        <ErrorBox title="The preview cannot load the newsletter" message={error} />
      )}
      {view === undefined ? null : (
        <>
          <p className="muted">
            {view.files} content files in <code>{view.contentDir}</code>
          </p>
          <section>
            <h2>Editions</h2>
            {view.editions.length === 0 ? (
              <p>No edition yet: add a content file with a date_published.</p>
            ) : (
              <table className="editions">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Items</th>
                    <th scope="col">By category</th>
                  </tr>
                </thead>
                <tbody>
                  {view.editions.map((edition) => (
                    <tr key={edition.date}>
                      <td>
                        <a href={`/edition/${edition.date}`}>{edition.date}</a>
                        {edition.advertising ? <span className="tag">(광고) sponsored</span> : null}
                      </td>
                      <td className="num">{edition.total}</td>
                      <td>
                        {edition.categories.map((category) => (
                          <span key={category.id} className="chip">
                            {category.label} <b>{category.count}</b>
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section>
            <h2>Transactional emails</h2>
            <ul>
              {TRANSACTIONAL_NAMES.map((name) => (
                <li key={name}>
                  <a href={`/transactional/${name}`}>
                    {name === 'confirm' ? 'Confirmation (double opt-in)' : 'Welcome'}
                  </a>
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h2>Content problems</h2>
            <ProblemList problems={view.problems} />
          </section>
        </>
      )}
    </PageLayout>
  );
}
