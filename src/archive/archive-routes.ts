import type { Hono } from 'hono';
import type { Config } from '../config/config.ts';
import { createArchiveRoutes } from './create-archive-routes.ts';

/**
 * The archive as a route group of the readers' web app (`gazette serve`): mounts
 * createArchiveRoutes at `/archive`, sharing the app's config and clock.
 */
export function archiveRoutes(app: Hono, context: { config: Config; now: () => Date }): void {
  app.route('/archive', createArchiveRoutes({ config: context.config, now: context.now }));
}
