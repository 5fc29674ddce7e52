import type { MiddlewareHandler } from 'hono';

/**
 * CSRF defence for form posts: the browser's Origin (or, without it, Sec-Fetch-Site) must
 * name this site. Browsers send Origin on every POST; a request with neither header is not a
 * browser's cross-site post, but is refused too, since forms only come from browsers.
 * Not used on the RFC 8058 one-click POST, which mail providers send from anywhere.
 */
export function sameOriginOnly(publicUrl: string, refuse: MiddlewareHandler): MiddlewareHandler {
  const configured = new URL(publicUrl).origin;
  return async (c, next) => {
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const own = new URL(c.req.url).origin;
    const allowed = origin !== undefined ? origin === configured || origin === own : site === 'same-origin';
    if (!allowed) return refuse(c, next);
    await next();
  };
}
