import type { Context, MiddlewareHandler } from 'hono';

/** Keys that share one window once the table is full. */
const OVERFLOW = '\0overflow';

/**
 * A fixed-window counter per key (client address group), in memory: one process serves the
 * forms. Memory is bounded: expired windows are swept when the table is full, and while it
 * stays full (a flood of distinct addresses) new keys share one overflow window. Tracked keys
 * are never dropped early, so a flood cannot reset a blocked client's count.
 */
export function rateLimit(options: {
  max: number;
  windowMs: number;
  key: (c: Context) => string;
  now: () => Date;
  refuse: (c: Context, retryAfterSeconds: number) => Response | Promise<Response>;
  /** Distinct keys tracked at once (default 10,000). */
  maxTracked?: number;
}): MiddlewareHandler {
  const maxTracked = options.maxTracked ?? 10_000;
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (c, next) => {
    const now = options.now().getTime();
    let key = options.key(c);
    if (!windows.has(key) && windows.size >= maxTracked) {
      for (const [k, e] of windows) if (e.resetAt <= now) windows.delete(k);
      if (windows.size >= maxTracked) key = OVERFLOW;
    }
    let entry = windows.get(key);
    if (entry === undefined || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + options.windowMs };
      windows.set(key, entry);
    }
    entry.count += 1;
    if (entry.count > options.max) {
      return options.refuse(c, Math.max(1, Math.ceil((entry.resetAt - now) / 1000)));
    }
    await next();
  };
}
