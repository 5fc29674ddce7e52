import type { MiddlewareHandler } from 'hono';

/**
 * Every response: a CSP that allows only our own stylesheet (no scripts at all), no framing,
 * no MIME sniffing, and no Referer to other sites (links carry tokens). `same-origin` rather
 * than `no-referrer`, because `no-referrer` makes browsers send `Origin: null` on our own form
 * posts (Fetch §3.1), which the CSRF check would refuse.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // A route may bring its own policy (the archive's inline-styled web editions).
    if (!c.res.headers.has('Content-Security-Policy'))
      c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'same-origin');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    c.res.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
