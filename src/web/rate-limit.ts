import type { Context, MiddlewareHandler } from 'hono';

const MAX_TRACKED = 10_000;

/**
 * A fixed-window counter per key (client IP), in memory: one process serves the forms. Memory
 * is bounded: expired windows are swept when the table grows, and a flood of distinct keys
 * resets it rather than growing without end.
 */
export function rateLimit(options: {
  max: number;
  windowMs: number;
  key: (c: Context) => string;
  now: () => Date;
  refuse: (c: Context, retryAfterSeconds: number) => Response | Promise<Response>;
}): MiddlewareHandler {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (c, next) => {
    const now = options.now().getTime();
    const key = options.key(c);
    let entry = windows.get(key);
    if (entry === undefined || entry.resetAt <= now) {
      if (windows.size >= MAX_TRACKED) {
        for (const [k, e] of windows) if (e.resetAt <= now) windows.delete(k);
        if (windows.size >= MAX_TRACKED) windows.clear();
      }
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
