import type { PreviewSettings } from '../preview-settings.ts';
import { SCHEMES, VIEWS, WIDTHS, settingsQuery } from '../preview-settings.ts';

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

/** Width, colours and what to show: links that change one setting and keep the others. */
export function SettingsToolbar({ settings }: { settings: PreviewSettings }) {
  return (
    <>
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
    </>
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
