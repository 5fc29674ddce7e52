import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SSEStreamingApi } from 'hono/streaming';

const KEEP_ALIVE_MS = 25_000;

/**
 * Server-sent events for open preview pages: `hello` with the current generation on connect
 * (a page rendered before a missed change reloads at once), then `reload` on every change.
 * EventSource reconnects by itself, so a restarted server is picked up too.
 */
export function createLiveReload(getGeneration: () => number) {
  // Each open stream and the function that ends it (clears its keep-alive timer).
  const streams = new Map<SSEStreamingApi, () => void>();
  return {
    handle(c: Context): Response {
      return streamSSE(c, async (stream) => {
        await new Promise<void>((resolve) => {
          // Comments keep idle timers from closing the stream.
          const timer = setInterval(() => void stream.write(': keep-alive\n\n').catch(finish), KEEP_ALIVE_MS);
          function finish() {
            clearInterval(timer);
            streams.delete(stream);
            resolve();
          }
          streams.set(stream, finish);
          stream.onAbort(finish);
          stream.writeSSE({ event: 'hello', data: String(getGeneration()) }).catch(finish);
        });
      });
    },
    broadcast(generation: number): void {
      for (const [stream, finish] of streams) {
        stream.writeSSE({ event: 'reload', data: String(generation) }).catch(finish);
      }
    },
    get clients(): number {
      return streams.size;
    },
    close(): void {
      for (const finish of [...streams.values()]) finish();
    },
  };
}

export type LiveReload = ReturnType<typeof createLiveReload>;
