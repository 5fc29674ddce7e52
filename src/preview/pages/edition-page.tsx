import type { EditionView } from '../preview-views.ts';
import type { PreviewSettings } from '../preview-settings.ts';
import { SCHEMES, VIEWS, WIDTHS, settingsQuery } from '../preview-settings.ts';
import { ErrorBox } from './error-box.tsx';
import { PageLayout } from './page-layout.tsx';
import { ProblemList } from './problem-list.tsx';
import { VariantPanel } from './variant-panel.tsx';

export interface EditionPageProps {
  date: string;
  generation: number;
  settings: PreviewSettings;
  view?: EditionView;
  error?: string;
  notice?: { kind: 'ok' | 'error'; text: string };
}

const LABEL = {
  '375': '375 px',
  '600': '600 px',
  full: 'Full',
  light: 'Light',
  dark: 'Dark',
  email: 'Email',
  text: 'Plain text',
  source: 'Source',
} as const;

/** One date: every list × locale, with the toolbar (width, colour scheme, email/text/source). */
export function EditionPage({ date, generation, settings, view, error, notice }: EditionPageProps) {
  return (
    <PageLayout title={date} generation={generation}>
      <h1>
        <a href="/">Editions</a> / {date}
      </h1>
      <nav className="toolbar" aria-label="Preview settings">
        <Toggle
          name="Width"
          values={WIDTHS}
          current={settings.width}
          href={(width) => settingsQuery(settings, { width })}
        />
        <Toggle
          name="Colours"
          values={SCHEMES}
          current={settings.scheme}
          href={(scheme) => settingsQuery(settings, { scheme })}
        />
        <Toggle
          name="Show"
          values={VIEWS}
          current={settings.view}
          href={(v) => settingsQuery(settings, { view: v })}
        />
      </nav>
      {settings.scheme === 'dark' ? (
        <p className="muted">
          Dark: as Apple Mail and Outlook.com/iOS/macOS show it. Gmail ignores the email’s dark styles and
          inverts colours itself.
        </p>
      ) : null}
      {notice === undefined ? null : (
        <p className={`notice ${notice.kind}`} role="status">
          {notice.text}
        </p>
      )}
      {error === undefined ? null : <ErrorBox title="This edition cannot be rendered" message={error} />}
      {view?.variants.map((variant) => (
        <VariantPanel
          key={`${variant.listId}.${variant.locale}`}
          date={date}
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

function Toggle<T extends keyof typeof LABEL>(props: {
  name: string;
  values: readonly T[];
  current: T;
  href: (value: T) => string;
}) {
  return (
    <span className="toggle" role="group" aria-label={props.name}>
      <span className="toggle-name">{props.name}</span>
      {props.values.map((value) => (
        <a
          key={value}
          href={props.href(value)}
          aria-current={value === props.current ? 'true' : undefined}
          data-setting={value}
        >
          {LABEL[value]}
        </a>
      ))}
    </span>
  );
}
