import { archiveRoutes } from '../archive/archive-routes.ts';
import type { RouteGroup } from './route-group.ts';
import { assetRoutes } from './routes/asset-routes.ts';
import { confirmRoutes } from './routes/confirm-routes.tsx';
import { homeRoutes } from './routes/home-routes.tsx';
import { preferencesRoutes } from './routes/preferences-routes.tsx';
import { subscribeRoutes } from './routes/subscribe-routes.tsx';
import { unsubscribeRoutes } from './routes/unsubscribe-routes.tsx';

/** The app's routes, group by group; add a group (e.g. the archive) with one entry here. */
export const routeGroups: RouteGroup[] = [
  assetRoutes,
  homeRoutes,
  subscribeRoutes,
  confirmRoutes,
  unsubscribeRoutes,
  preferencesRoutes,
  archiveRoutes,
];
