import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { addressGroup } from './address-group.ts';
import { clientIp } from './client-ip.ts';
import { formatLogError } from './format-log-error.ts';
import { pageText } from './pages/page-text.ts';
import { rateLimit } from './rate-limit.ts';
import { requireSecret } from '../config/require-secret.ts';
import type { RouteGroup } from './route-group.ts';
import { routeGroups } from './route-groups.ts';
import { message } from './routes/respond.tsx';
import { sameOriginOnly } from './same-origin-only.ts';
import { securityHeaders } from './security-headers.ts';
import { trustedProxies } from './trusted-proxies.ts';
import type { WebContext, WebDeps } from './web-deps.ts';

export interface WebApp {
  app: Hono;
  /** Resolves when mail started by past requests has been handed over (tests, shutdown). */
  idle(): Promise<void>;
}

/** Form posts are small; anything bigger is refused before it is parsed. */
const MAX_BODY_BYTES = 16 * 1024;
/** Posts that come from our own forms; the one-click unsubscribe POST is deliberately not here. */
const FORM_POSTS = ['/subscribe', '/confirm/:token', '/preferences/:token'];

/**
 * The web app: subscribe, confirm, unsubscribe (RFC 8058 one-click), preferences, plus any
 * extra route groups. Everything it uses arrives in `deps`; it reads no globals.
 */
export function createWebApp(deps: WebDeps, groups: RouteGroup[] = routeGroups): WebApp {
  const tasks = new Set<Promise<unknown>>();
  const log =
    deps.log ??
    ((text: string, error?: unknown) =>
      console.error(`gazette web: ${text}${error === undefined ? '' : `: ${formatLogError(error)}`}`));
  const isTrusted = trustedProxies(deps.config.web.trustProxy);
  const context: WebContext = {
    config: deps.config,
    store: deps.store,
    mailer: deps.mailer,
    secret: requireSecret(deps.config),
    log,
    now: deps.now ?? (() => new Date()),
    resendAfterMs: deps.resendAfterMs ?? 10 * 60_000,
    rateLimit: deps.rateLimit ?? { max: 10, windowMs: 60_000 },
    archive: deps.archive,
    clientIp: (c) => clientIp(c, isTrusted),
    latestEditions: deps.latestEditions,
    defer(label, task) {
      // setImmediate, not a direct call: the task (rendering a mail takes milliseconds) starts
      // only after the response has been written, so known and unknown addresses answer alike.
      const running: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))
        .then(task)
        .catch((error: unknown) => log(`${label} failed`, error))
        .finally(() => tasks.delete(running));
      tasks.add(running);
    },
  };
  const app = new Hono();
  const accessLog = deps.accessLog;
  if (accessLog !== undefined) {
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      // The route's pattern, never the path (tokens) or the query.
      accessLog(
        `${c.req.method} ${routeOf(c)} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
      );
    });
  }
  app.use('*', securityHeaders({ https: new URL(deps.config.publicUrl).protocol === 'https:' }));
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        message(
          c,
          context,
          { title: pageText.serverErrorTitle, body: [pageText.tooLarge], role: 'alert' },
          413,
        ),
    }),
  );
  const limit = rateLimit({
    ...context.rateLimit,
    key: (c) => addressGroup(context.clientIp(c)),
    now: context.now,
    refuse: (c, retryAfter) => {
      c.header('Retry-After', String(retryAfter));
      return message(
        c,
        context,
        { title: pageText.tooManyTitle, body: [pageText.tooMany], role: 'alert' },
        429,
      );
    },
  });
  const sameOrigin = sameOriginOnly(deps.config.publicUrl, async (c) =>
    message(c, context, { title: pageText.forbiddenTitle, body: [pageText.forbidden], role: 'alert' }, 403),
  );
  for (const path of FORM_POSTS) app.post(path, limit, sameOrigin);
  for (const group of groups) group(app, context);
  app.notFound((c) =>
    message(c, context, { title: pageText.notFoundTitle, body: [pageText.notFound], role: 'alert' }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    // The detail goes to the log; the reader gets a safe page (no SQL, no SMTP text). The route's
    // pattern, not the path: paths carry link tokens, which would let a log reader act for someone.
    log(`${c.req.method} ${routeOf(c)} failed`, error);
    return message(
      c,
      context,
      { title: pageText.serverErrorTitle, body: [pageText.serverError], role: 'alert' },
      500,
    );
  });
  return {
    app,
    async idle() {
      for (let round = 0; round < 100 && tasks.size > 0; round += 1) await Promise.allSettled([...tasks]);
    },
  };
}

/** The matched route's pattern (`/confirm/:token`), or `(no route)`. */
function routeOf(c: Context): string {
  const route = routePath(c, -1);
  return route === '' || route === '*' ? '(no route)' : route;
}
