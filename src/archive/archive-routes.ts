import type { Hono } from 'hono';
import type { Config } from '../config/config.ts';
import type { ArchiveSource } from './archive-source.ts';
import { createArchiveRoutes } from './create-archive-routes.ts';

/**
 * The archive as a route group of the readers' web app (`gazette serve`): mounts
 * createArchiveRoutes at `/archive`, sharing the app's config, clock and archive source (the
 * sent editions; none given: an empty archive).
 */
export function archiveRoutes(
  app: Hono,
  context: { config: Config; now: () => Date; archive?: ArchiveSource },
): void {
  app.route(
    '/archive',
    createArchiveRoutes({ config: context.config, now: context.now, source: context.archive }),
  );
}
