import { SITE_CSS } from '../pages/site-css.ts';
import type { RouteGroup } from '../route-group.ts';

/** The stylesheet, from memory: no file system path is ever built from a URL. */
export const assetRoutes: RouteGroup = (app) => {
  app.get('/assets/gazette.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(SITE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
};
