import type { PreviewSettings } from '../preview-settings.ts';
import type { TransactionalView } from '../preview-views.ts';
import { ErrorBox } from './error-box.tsx';
import { PageLayout } from './page-layout.tsx';
import { SettingsToolbar } from './settings-toolbar.tsx';
import { VariantPanel } from './variant-panel.tsx';

export interface TransactionalPageProps {
  name: string;
  generation: number;
  settings: PreviewSettings;
  view?: TransactionalView;
  error?: string;
}

/** The confirmation or welcome mail in every locale, filled with a sample subscriber. */
export function TransactionalPage({ name, generation, settings, view, error }: TransactionalPageProps) {
  return (
    <PageLayout title={name} generation={generation}>
      <h1>
        <a href="/">Editions</a> / {name} email <span className="muted">(sample subscriber)</span>
      </h1>
      <SettingsToolbar settings={settings} />
      {error === undefined ? null : <ErrorBox title="This email cannot be rendered" message={error} />}
      {view?.variants.map((variant) => (
        <VariantPanel
          key={variant.locale}
          rawPath={`/raw-mail/${view.name}/${variant.locale}`}
          variant={variant}
          config={view.config}
          settings={settings}
          generation={generation}
        />
      ))}
    </PageLayout>
  );
}
