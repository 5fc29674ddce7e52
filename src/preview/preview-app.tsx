import { randomBytes } from 'node:crypto';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { ERROR_CODES, isGazetteError } from '../errors.ts';
import { LOCALES } from '../locale.ts';
import type { Mailer } from '../mail/mailer.ts';
import { darkCopy } from './dark-copy.ts';
import type { LiveReload } from './live-reload.ts';
import { EditionPage } from './pages/edition-page.tsx';
import type { EditionPageProps } from './pages/edition-page.tsx';
import { IndexPage } from './pages/index-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import type { PreviewCache } from './preview-cache.ts';
import { TransactionalPage } from './pages/transactional-page.tsx';
import { PREVIEW_SCRIPT } from './preview-script.ts';
import { TRANSACTIONAL_NAMES } from './preview-views.ts';
import type { TransactionalName } from './preview-views.ts';
import { previewSettings } from './preview-settings.ts';
import { PREVIEW_STYLES } from './preview-styles.ts';

export interface PreviewAppDeps {
  cache: PreviewCache;
  liveReload: LiveReload;
  mailer: Mailer;
  /** `host:port` values the server answers to (127.0.0.1 and localhost on its port). */
  allowedHosts(): readonly string[];
  log(line: string): void;
}

// The preview's own pages run only its own script and styles; content is text in them.
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
// The email itself: an opaque-origin sandbox without scripts; inline styles and images as a mail client allows.
const EMAIL_CSP =
  "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; font-src https: data:; frame-ancestors 'self'";
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;
const MAX_NOTICES = 50;

/** The preview's HTTP routes (Hono). Bound to 127.0.0.1 by startPreviewServer. */
export function createPreviewApp(deps: PreviewAppDeps): Hono {
  const { cache } = deps;
  const notices = new Map<string, NonNullable<EditionPageProps['notice']>>();
  const app = new Hono();

  app.use(async (c, next) => {
    // DNS rebinding: a foreign name that resolves to 127.0.0.1 must not reach the preview.
    if (!deps.allowedHosts().includes(c.req.header('host') ?? '')) return c.text('Unknown host', 421);
    const path = new URL(c.req.url).pathname;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return c.text('Bad path', 400);
    }
    // The preview serves no files by path, but a traversal attempt never reaches a route.
    if (/(^|[/\\])\.\.?([/\\]|$)/.test(decoded) || decoded.includes('\\') || decoded.includes('\0')) {
      return c.text('Forbidden', 403);
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    // `same-origin`, not `no-referrer`: with no-referrer Chromium posts `Origin: null` (Fetch
    // §3.1), and the CSRF check below refuses the preview's own "Send test" form. Links to other
    // sites still carry no Referer.
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-store');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', PAGE_CSP);
  });

  app.get('/assets/preview.css', (c) =>
    c.body(PREVIEW_STYLES, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
  );
  app.get('/assets/preview.js', (c) =>
    c.body(PREVIEW_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/events', (c) => deps.liveReload.handle(c));

  app.get('/', async (c) => {
    const generation = cache.generation;
    try {
      return page(c, <IndexPage generation={generation} view={await cache.index()} />);
    } catch (error) {
      return page(c, <IndexPage generation={generation} error={messageOf(error)} />, 500);
    }
  });

  app.get('/edition/:date', async (c) => {
    const date = c.req.param('date');
    const generation = cache.generation;
    if (!DATE.test(date)) return notFound(c, generation, `"${date}" is not a date (YYYY-MM-DD).`);
    const settings = previewSettings((name) => c.req.query(name));
    const noticeId = c.req.query('notice');
    const notice = noticeId === undefined ? undefined : notices.get(noticeId);
    const props = { date, generation, settings, notice };
    try {
      return page(c, <EditionPage {...props} view={await cache.edition(date)} />);
    } catch (error) {
      if (workerCode(error) === 'PREVIEW_NOT_FOUND') return notFound(c, generation, messageOf(error));
      return page(c, <EditionPage {...props} error={messageOf(error)} />, 500);
    }
  });

  app.get('/raw/:date/:list/:locale', async (c) => {
    const { date, list, locale } = c.req.param();
    if (!DATE.test(date) || !SLUG.test(list) || !LOCALES.includes(locale as never))
      return c.text('Not found', 404);
    let html: string | undefined;
    try {
      const view = await cache.edition(date);
      html = view.variants.find((v) => v.listId === list && v.locale === locale)?.html;
    } catch (error) {
      return c.text(messageOf(error), 500, { 'Content-Security-Policy': EMAIL_CSP });
    }
    return html === undefined ? c.text('Not found', 404) : emailResponse(c, html);
  });

  app.get('/transactional/:name', async (c) => {
    const name = c.req.param('name');
    const generation = cache.generation;
    if (!isTransactional(name)) return notFound(c, generation, `No transactional email "${name}".`);
    const props = { name, generation, settings: previewSettings((key) => c.req.query(key)) };
    try {
      return page(c, <TransactionalPage {...props} view={await cache.transactional(name)} />);
    } catch (error) {
      return page(c, <TransactionalPage {...props} error={messageOf(error)} />, 500);
    }
  });

  app.get('/raw-mail/:name/:locale', async (c) => {
    const { name, locale } = c.req.param();
    if (!isTransactional(name)) return c.text('Not found', 404);
    let html: string | undefined;
    try {
      html = (await cache.transactional(name)).variants.find((v) => v.locale === locale)?.html;
    } catch (error) {
      return c.text(messageOf(error), 500, { 'Content-Security-Policy': EMAIL_CSP });
    }
    return html === undefined ? c.text('Not found', 404) : emailResponse(c, html);
  });

  app.post('/send', async (c) => {
    if (!sameOrigin(c)) return c.text('Cross-site form posts are refused.', 403);
    const form = sendForm.safeParse(await c.req.parseBody());
    if (!form.success) return c.text('Send a test needs a date, a list, a locale and an email address.', 400);
    const { date, list, locale, to } = form.data;
    const remember = (notice: NonNullable<EditionPageProps['notice']>) => {
      const id = randomBytes(6).toString('hex');
      notices.set(id, notice);
      if (notices.size > MAX_NOTICES) notices.delete(notices.keys().next().value as string);
      return c.redirect(`/edition/${date}?notice=${id}#variant-${list}.${locale}`, 303);
    };
    try {
      const view = await cache.edition(date);
      const variant = view.variants.find((v) => v.listId === list && v.locale === locale);
      if (variant?.html === undefined || variant.text === undefined || variant.subject === undefined) {
        return remember({
          kind: 'error',
          text: `There is no rendered ${list}.${locale} email for ${date} to send.`,
        });
      }
      const sent = await deps.mailer.send({
        from: { name: view.config.fromName, address: view.config.fromEmail },
        to,
        replyTo: view.config.replyTo,
        subject: variant.subject,
        html: variant.html,
        text: variant.text,
        headers: { 'X-Gazette-Preview': 'test' },
      });
      deps.log(`preview: test of ${date} ${list}.${locale} sent to ${to} (${sent.response})`);
      return remember({
        kind: 'ok',
        text: `Test of ${list}.${locale} sent to ${to} via ${deps.mailer.destination}.`,
      });
    } catch (error) {
      // The raw error goes to the terminal; the page gets the catalogue's text for its code.
      deps.log(`preview: test send to ${to} failed: ${(error as Error).stack ?? String(error)}`);
      const why = isGazetteError(error) ? `${ERROR_CODES[error.code]} (${error.code})` : 'unexpected error';
      return remember({
        kind: 'error',
        text: `The test to ${to} was not sent: ${why}. Details are in the terminal.`,
      });
    }
  });

  app.notFound((c) => notFound(c, cache.generation, `Nothing at ${new URL(c.req.url).pathname}.`));
  return app;
}

const sendForm = z.object({
  date: z.string().regex(DATE),
  list: z.string().regex(SLUG),
  locale: z.enum(LOCALES),
  to: z.email().max(254),
});

function page(c: Context, element: ReactElement, status: 200 | 404 | 500 = 200): Response {
  return c.html(`<!doctype html>${renderToStaticMarkup(element)}`, status);
}

/** An email as its own document: sandboxed, and rewritten for dark mode when asked. */
function emailResponse(c: Context, html: string): Response {
  return c.body(c.req.query('scheme') === 'dark' ? darkCopy(html) : html, 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': EMAIL_CSP,
  });
}

function isTransactional(name: string): name is TransactionalName {
  return (TRANSACTIONAL_NAMES as readonly string[]).includes(name);
}

function notFound(c: Context, generation: number, message: string): Response {
  return page(c, <NotFoundPage generation={generation} message={message} />, 404);
}

/** CSRF: a browser names the page that posts (Origin, or Sec-Fetch-Site); only the preview's own pages may. */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin === `http://${c.req.header('host') ?? ''}`;
  return c.req.header('sec-fetch-site') === 'same-origin';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function workerCode(error: unknown): unknown {
  return isGazetteError(error) ? error.context.workerCode : undefined;
}
