/** Spaces starts evenly: at most `perSecond` per second; 0 means no limit. */
export interface RateLimiter {
  /** Resolves when the next message may start (early when the signal aborts). */
  wait(signal?: AbortSignal): Promise<void>;
}

export function createRateLimiter(perSecond: number): RateLimiter {
  if (perSecond <= 0) return { wait: async () => {} };
  const gap = 1000 / perSecond;
  let next = 0;
  return {
    async wait(signal) {
      const now = performance.now();
      const at = Math.max(now, next);
      next = at + gap;
      if (at > now) await sleep(at - now, signal);
    },
  };
}

/** A timer that an abort signal cuts short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
