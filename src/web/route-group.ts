import type { Hono } from 'hono';
import type { WebContext } from './web-deps.ts';

/**
 * A set of routes mounted on the app. Built-in groups are listed in route-groups.ts; another
 * area (e.g. an archive under `/archive`) adds its own there or passes it to createWebApp.
 */
export type RouteGroup = (app: Hono, context: WebContext) => void;
