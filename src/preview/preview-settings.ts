/** How the edition page shows each variant; kept in the query string so a live reload keeps it. */
export interface PreviewSettings {
  width: '375' | '600' | 'full';
  scheme: 'light' | 'dark';
  view: 'email' | 'text' | 'source';
}

export const WIDTHS = ['375', '600', 'full'] as const;
export const SCHEMES = ['light', 'dark'] as const;
export const VIEWS = ['email', 'text', 'source'] as const;

/** Unknown values fall back to the defaults (600 px, light, the email). */
export function previewSettings(query: (name: string) => string | undefined): PreviewSettings {
  const one = <T extends string>(values: readonly T[], value: string | undefined, fallback: T): T =>
    values.includes(value as T) ? (value as T) : fallback;
  return {
    width: one(WIDTHS, query('width'), '600'),
    scheme: one(SCHEMES, query('scheme'), 'light'),
    view: one(VIEWS, query('view'), 'email'),
  };
}

/** The query string for settings, with one of them changed. */
export function settingsQuery(settings: PreviewSettings, change: Partial<PreviewSettings> = {}): string {
  const next = { ...settings, ...change };
  return `?width=${next.width}&scheme=${next.scheme}&view=${next.view}`;
}
