import { isGazetteError } from '../errors.ts';
import type { EditionView, IndexView, TransactionalName, TransactionalView } from './preview-views.ts';
import type { RenderClient } from './render-client.ts';

/**
 * Rendered pages' data, valid until the next change on disk. Every change bumps the
 * generation and empties the cache; a crash or time-out of the render process is not cached,
 * so a reload retries.
 */
export function createPreviewCache(client: Pick<RenderClient, 'call'>) {
  let generation = 0;
  const entries = new Map<string, Promise<unknown>>();

  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = entries.get(key) as Promise<T> | undefined;
    if (hit !== undefined) return hit;
    const at = generation;
    const promise = load();
    entries.set(key, promise);
    promise.catch((error: unknown) => {
      if (isGazetteError(error, 'PREVIEW_WORKER') && generation === at && entries.get(key) === promise)
        entries.delete(key);
    });
    return promise;
  }

  return {
    get generation(): number {
      return generation;
    },
    invalidate(): number {
      generation += 1;
      entries.clear();
      return generation;
    },
    index(): Promise<IndexView> {
      return cached('index', () => client.call<IndexView>({ kind: 'index', generation }));
    },
    edition(date: string): Promise<EditionView> {
      return cached(`edition:${date}`, () => client.call<EditionView>({ kind: 'edition', generation, date }));
    },
    transactional(name: TransactionalName): Promise<TransactionalView> {
      return cached(`transactional:${name}`, () =>
        client.call<TransactionalView>({ kind: 'transactional', name }),
      );
    },
  };
}

export type PreviewCache = ReturnType<typeof createPreviewCache>;
