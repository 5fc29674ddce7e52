import type { EditionView } from '../preview-views.ts';
import type { PreviewSettings } from '../preview-settings.ts';
import { ErrorBox } from './error-box.tsx';
import { PageLayout } from './page-layout.tsx';
import { ProblemList } from './problem-list.tsx';
import { SettingsToolbar } from './settings-toolbar.tsx';
import { VariantPanel } from './variant-panel.tsx';

export interface EditionPageProps {
  date: string;
  generation: number;
  settings: PreviewSettings;
  view?: EditionView;
  error?: string;
  notice?: { kind: 'ok' | 'error'; text: string };
}

/** One date: every list × locale, with the toolbar (width, colour scheme, email/text/source). */
export function EditionPage({ date, generation, settings, view, error, notice }: EditionPageProps) {
  return (
    <PageLayout title={date} generation={generation}>
      <h1>
        <a href="/">Editions</a> / {date}
      </h1>
      <SettingsToolbar settings={settings} />
      {notice === undefined ? null : (
        <p className={`notice ${notice.kind}`} role="status">
          {notice.text}
        </p>
      )}
      {view?.frozen?.map((sent) => (
        <p key={sent.listId} className="notice ok frozen" role="status">
          {sent.listId}: No. {sent.number} was sent (frozen {sent.frozenAt}): shown as readers got it; edits
          to its files since are not in it.
        </p>
      ))}
      {error === undefined ? null : <ErrorBox title="This edition cannot be rendered" message={error} />}
      {view?.variants.map((variant) => (
        <VariantPanel
          key={`${variant.listId}.${variant.locale}`}
          date={date}
          rawPath={`/raw/${date}/${variant.listId}/${variant.locale}`}
          variant={variant}
          config={view.config}
          settings={settings}
          generation={generation}
        />
      ))}
      {view !== undefined && view.problems.length > 0 ? (
        <section>
          <h2>Content problems</h2>
          <ProblemList problems={view.problems} />
        </section>
      ) : null}
    </PageLayout>
  );
}
