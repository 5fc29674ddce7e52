import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GazetteError } from '../errors.ts';
import type { PipelineOptions } from './preview-pipeline.ts';
import type { WorkerCall, WorkerResponse } from './worker-protocol.ts';

export interface RenderClientOptions extends PipelineOptions {
  /** A render taking longer than this is killed and reported (an endless loop in a template). */
  timeoutMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

// Plain JavaScript that registers tsx (with the project's tsconfig), then imports render-worker.ts.
const SPARE_DELAY_MS = 3_000;
const WORKER = fileURLToPath(new URL('./render-worker-boot.mjs', import.meta.url));

/**
 * The preview server's handle on its render process (and a spare). Requests are numbered and answered over
 * IPC; `restart()` replaces the process (template or config edits), failing what was in flight,
 * and a crash or time-out fails the pending requests with PREVIEW_WORKER and starts afresh on
 * the next call.
 */
export function createRenderClient(options: RenderClientOptions) {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let child: ChildProcess | undefined;
  // A started process that has loaded the libraries but no template yet: the next restart
  // promotes it, so a template edit costs an import and a render, not a cold start.
  let spare: ChildProcess | undefined;
  let spareTimer: NodeJS.Timeout | undefined;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (message: string) => {
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      entry.reject(new GazetteError('PREVIEW_WORKER', message));
      pending.delete(id);
    }
  };

  const start = (): ChildProcess => {
    const { timeoutMs: _timeout, ...pipeline } = options;
    const started = fork(WORKER, [JSON.stringify(pipeline)], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    started.on('message', (message: WorkerResponse) => {
      const entry = pending.get(message.id);
      if (entry === undefined) return;
      pending.delete(message.id);
      clearTimeout(entry.timer);
      if (message.ok) entry.resolve(message.value);
      else
        entry.reject(
          new GazetteError('RENDER_FAILED', message.error.message, { workerCode: message.error.code }),
        );
    });
    started.on('exit', (code, signal) => {
      if (spare === started) spare = undefined;
      if (child !== started) return;
      child = undefined;
      failAll(
        `The render process stopped (${signal ?? `exit code ${code}`}); the next page load starts a new one.`,
      );
    });
    started.on('error', (error) => {
      if (child === started) failAll(`The render process failed: ${error.message}`);
    });
    return started;
  };

  const stop = () => {
    const old = child;
    child = undefined;
    if (old !== undefined && old.exitCode === null) old.kill('SIGKILL');
  };

  /** Start a spare once the current process has had the CPU to itself for a moment. */
  const planSpare = () => {
    clearTimeout(spareTimer);
    spareTimer = setTimeout(() => {
      if (!closed) spare ??= start();
    }, SPARE_DELAY_MS);
    spareTimer.unref();
  };

  const current = (): ChildProcess => {
    if (child === undefined) {
      child = start();
      planSpare();
    }
    return child;
  };

  return {
    call<T>(request: WorkerCall): Promise<T> {
      const target = current();
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (!pending.has(id)) return;
          stop();
          failAll(
            `Rendering took longer than ${timeoutMs / 1000} s and was stopped; look for an endless loop in a template.`,
          );
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        target.send({ ...request, id });
      });
    },
    /** Replace the process so the next render imports templates and config afresh. */
    restart(): void {
      stop();
      failAll('The templates or the config changed while rendering; the page reloads.');
      child = spare ?? start();
      spare = undefined;
      planSpare();
      // Warm up now: by the time the reloading page asks, the imports are done.
      this.call({ kind: 'warm' }).catch(() => {});
    },
    async close(): Promise<void> {
      closed = true;
      clearTimeout(spareTimer);
      const old = child;
      stop();
      if (spare !== undefined && spare.exitCode === null) spare.kill('SIGKILL');
      spare = undefined;
      failAll('The preview server is shutting down.');
      if (old !== undefined && old.exitCode === null && old.signalCode === null) {
        await new Promise<void>((resolve) => old.once('exit', () => resolve()));
      }
    },
  };
}

export type RenderClient = ReturnType<typeof createRenderClient>;
