import type { ConfigSummary, Finding, VariantView } from '../preview-views.ts';
import { GMAIL_CLIP_BYTES } from '../preflight.ts';
import type { PreviewSettings } from '../preview-settings.ts';

export interface VariantPanelProps {
  /** The edition's date, for "send a test"; transactional emails have none (no form). */
  date?: string;
  /** Where the raw email is served (`/raw/<date>/<list>/<locale>`). */
  rawPath: string;
  variant: VariantView;
  config: ConfigSummary;
  settings: PreviewSettings;
  generation: number;
}

const LOCALE_NAME = { ko: '한국어', en: 'English', bilingual: '한국어 + English' } as const;

/** One list × locale: the inbox line, the size bar, the preflight, the email, and "send a test". */
export function VariantPanel({ date, rawPath, variant, config, settings, generation }: VariantPanelProps) {
  const id = `${variant.listId}.${variant.locale}`;
  return (
    <section className="variant" id={`variant-${id}`} data-variant={id}>
      <h2>
        {variant.listName} <span className="muted">· {LOCALE_NAME[variant.locale]}</span>
      </h2>
      {variant.status === 'empty' ? (
        <p className="muted">This list carries none of the day’s categories: nothing is sent.</p>
      ) : null}
      {variant.status === 'failed' ? (
        <div className="error-box" role="alert">
          <h3>This email failed to render</h3>
          <pre>{variant.error}</pre>
        </div>
      ) : null}
      {variant.status === 'ok' ? (
        <>
          <div className="inbox" aria-label="As an inbox shows it">
            <span className="from">{config.fromName}</span>
            <span className="subject">{variant.subject}</span>
            <span className="preheader">{variant.preheader}</span>
          </div>
          <SizeBar bytes={variant.htmlBytes ?? 0} budget={config.budgetBytes} />
          <Findings findings={variant.findings ?? []} />
          <Body rawPath={rawPath} variant={variant} settings={settings} generation={generation} />
          {date === undefined ? null : (
            <form method="post" action="/send" className="send">
              <input type="hidden" name="date" value={date} />
              <input type="hidden" name="list" value={variant.listId} />
              <input type="hidden" name="locale" value={variant.locale} />
              <label>
                Send a test to <input type="email" name="to" required placeholder="editor@example.com" />
              </label>
              <button type="submit">Send test</button>
            </form>
          )}
        </>
      ) : null}
    </section>
  );
}

function SizeBar({ bytes, budget }: { bytes: number; budget: number }) {
  const kb = (n: number) => (n / 1000).toFixed(1);
  return (
    <p className="size">
      <meter
        min={0}
        max={GMAIL_CLIP_BYTES}
        low={budget * 0.8}
        high={budget}
        optimum={0}
        value={Math.min(bytes, GMAIL_CLIP_BYTES)}
      >
        {kb(bytes)} KB
      </meter>{' '}
      <span className="size-text">
        {kb(bytes)} KB of HTML · budget {kb(budget)} KB · Gmail clips at {kb(GMAIL_CLIP_BYTES)} KB
      </span>
    </p>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  // caniemail's list is long and mostly by design (MJML's Outlook fallbacks): kept apart, closed.
  const own = findings.filter((f) => f.check !== 'client');
  const client = findings.filter((f) => f.check === 'client');
  return (
    <>
      <FindingList className="preflight" title="Preflight" findings={own} />
      <FindingList
        className="preflight clients"
        title="Gmail, Outlook, Apple Mail (caniemail)"
        findings={client}
        closed
      />
    </>
  );
}

function FindingList(props: { className: string; title: string; findings: Finding[]; closed?: boolean }) {
  const { findings } = props;
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  return (
    <details className={props.className} open={props.closed !== true && errors + warnings > 0}>
      <summary>
        {props.title}: {errors} error(s), {warnings} warning(s), {count('info')} note(s)
      </summary>
      <ul>
        {findings.map((finding, index) => (
          <li key={index} className={finding.severity} data-check={finding.check}>
            <b>{finding.check}</b> {finding.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Body({ rawPath, variant, settings, generation }: Omit<VariantPanelProps, 'config' | 'date'>) {
  if (settings.view === 'text') return <pre className="plain">{variant.text}</pre>;
  if (settings.view === 'source') return <pre className="source">{variant.html}</pre>;
  const src = `${rawPath}?scheme=${settings.scheme}&g=${generation}`;
  return (
    <div className={`stage ${settings.scheme}`}>
      <iframe
        className={`frame w-${settings.width}`}
        src={src}
        title={`${variant.listName} ${variant.locale} email`}
        // The email is data: no scripts, no same-origin access; its links may open new tabs.
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        referrerPolicy="no-referrer"
      />
    </div>
  );
}
