import { emptyValues } from '../forms/empty-values.ts';
import { HomePage } from '../pages/home-page.tsx';
import { renderPage } from '../pages/render-page.ts';
import type { RouteGroup } from '../route-group.ts';
import type { LatestEdition } from '../web-deps.ts';

/** How many editions the home page lists. */
const LATEST = 5;

/**
 * `/`: the newsletter's name, its lists' descriptions, the latest editions (when the app has an
 * editions source) and the sign-up form. An editions source that fails costs the list, never
 * the page: the form must stay reachable.
 */
export const homeRoutes: RouteGroup = (app, context) => {
  app.get('/', async (c) => {
    let editions: LatestEdition[] | undefined;
    if (context.latestEditions !== undefined) {
      try {
        editions = (await context.latestEditions()).slice(0, LATEST);
      } catch (error) {
        context.log('GET / latest editions failed', error);
        editions = [];
      }
    }
    return renderPage(
      c,
      <HomePage
        config={context.config}
        values={emptyValues(context.config)}
        errors={{}}
        editions={editions}
      />,
    );
  });
};
