import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/** Server-rendered HTML: React escapes every value, so reader input stays text. */
export function renderPage(c: Context, element: ReactElement, status: ContentfulStatusCode = 200): Response {
  return c.html(`<!doctype html>${renderToStaticMarkup(element)}`, status);
}
