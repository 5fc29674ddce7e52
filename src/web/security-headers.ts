import type { MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Every response: a CSP that allows only our own stylesheet (no scripts at all), no framing,
 * no MIME sniffing, and no Referer to other sites (links carry tokens). `same-origin` rather
 * than `no-referrer`, because `no-referrer` makes browsers send `Origin: null` on our own form
 * posts (Fetch §3.1), which the CSRF check would refuse.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** HSTS for a year once the public URL is https (RFC 6797); never on plain http, where it would be ignored. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * hono's secureHeaders with our policy. `overwrite: false` lets a route bring its own CSP (the
 * archive's inline-styled web editions). Its other defaults stay off so the set is exactly the
 * one above: Cross-Origin-Resource-Policy would stop webmail from loading our images.
 */
export function securityHeaders(options: { https: boolean }): MiddlewareHandler {
  return every(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      xFrameOptions: 'DENY',
      xContentTypeOptions: true,
      referrerPolicy: 'same-origin',
      crossOriginOpenerPolicy: 'same-origin',
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
      strictTransportSecurity: options.https ? HSTS : false,
      crossOriginResourcePolicy: false,
      crossOriginEmbedderPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
      overwrite: false,
    }),
    async (c, next) => {
      await next();
      if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    },
  );
}
